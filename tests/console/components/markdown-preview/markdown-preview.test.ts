/**
 * `<console-markdown-preview>` in real Chromium: an answer as the widget will show it, placeholders
 * filled first and then the widget's sanitising markdown path, so nothing in an answer or in a shop's
 * value runs in the console.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, pageWithModule } from '../../../helpers/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await pageWithModule(browser, 'console/components/markdown-preview/markdown-preview.ts', 'preview');
});
afterAll(async () => {
  await browser?.close();
});

/** The bubble's HTML for an answer, with the shop's values when given. */
function preview(
  markdown: string,
  options: { locale?: 'ja' | 'en'; placeholders?: Record<'ja' | 'en', Record<string, string>> } = {},
): Promise<string> {
  return page.evaluate(
    async ({ markdown, options }) => {
      document.body.replaceChildren();
      const element = document.createElement('console-markdown-preview');
      document.body.append(element);
      await element.updateComplete;
      // No session in this page: the shop's values are set by hand, as GET /shop would give them.
      if (options.placeholders) element.placeholders = options.placeholders as never;
      if (options.locale) element.locale = options.locale;
      element.markdown = markdown;
      await element.updateComplete;
      return element.shadowRoot?.querySelector('.markdown')?.innerHTML ?? '';
    },
    { markdown, options },
  );
}

const VALUES = {
  ja: { shopName: 'テスト商店', phone: '<img src=x onerror="window.ran=1">' },
  en: { shopName: 'Test Shop', phone: '0120' },
};

describe('ConsoleMarkdownPreview', () => {
  test("fills placeholders with the shop's values for the answer's locale", async () => {
    expect(await preview('**{{shopName}}**です', { locale: 'ja', placeholders: VALUES })).toBe(
      '<p><strong>テスト商店</strong>です</p>\n',
    );
    expect(await preview('{{shopName}}', { locale: 'en', placeholders: VALUES })).toBe('<p>Test Shop</p>\n');
  });

  test('without a locale the placeholders show as written', async () => {
    expect(await preview('{{shopName}}', { placeholders: VALUES })).toBe('<p>{{shopName}}</p>\n');
  });

  test("a shop's value is never raw HTML, and neither is the answer", async () => {
    const html = await preview('電話 {{phone}} <script>window.ran=2</script>', {
      locale: 'ja',
      placeholders: VALUES,
    });
    expect(html).not.toMatch(/<img|<script/u);
    expect(await page.evaluate(() => (window as unknown as { ran?: number }).ran)).toBeUndefined();
  });

  test('a javascript: link loses its target', async () => {
    expect(await preview('[押す](javascript:alert(1))')).not.toContain('href');
  });
});
