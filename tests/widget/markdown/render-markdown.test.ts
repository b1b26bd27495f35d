/**
 * The one markdown path (`marked` → DOMPurify allow-list → DOM) in real Chromium: DOMPurify needs a real
 * DOM, and what counts is what the browser makes of the result.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, pageWithModule } from '../../helpers/browser.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await pageWithModule(browser, 'widget/markdown/render-markdown.ts', 'markdown');
});
afterAll(async () => {
  await browser?.close();
});

/** The HTML renderMarkdown makes of `markdown` in the page. */
function rendered(markdown: string): Promise<string> {
  return page.evaluate((md) => {
    const { renderMarkdown } = (
      window as unknown as { markdown: typeof import('../../../widget/markdown/render-markdown.ts') }
    ).markdown;
    const div = document.createElement('div');
    div.append(renderMarkdown(md));
    return div.innerHTML;
  }, markdown);
}

describe('renderMarkdown', () => {
  test('renders the answer dialect: emphasis, lists and https links that open in a new tab', async () => {
    expect(await rendered('**送料**は[こちら](https://shop.example/fee)\n\n- 一\n- 二')).toBe(
      '<p><strong>送料</strong>は<a href="https://shop.example/fee" target="_blank" rel="noopener">こちら</a></p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n',
    );
  });

  test('raw HTML in the Markdown shows as text, never as markup', async () => {
    const html = await rendered('<img src=x onerror="alert(1)"> と <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script/u);
    expect(html).toContain('&lt;img');
  });

  test.each([
    { name: 'javascript:', link: '[押す](javascript:alert(1))' },
    { name: 'data:', link: '[押す](data:text/html,<b>x</b>)' },
    { name: 'a relative URL', link: '[押す](/account)' },
  ])('a $name link loses its target', async ({ link }) => {
    const html = await rendered(link);
    expect(html).not.toContain('href');
    expect(html).toContain('押す');
  });

  test('mailto links are kept', async () => {
    expect(await rendered('[メール](mailto:support@shop.example)')).toContain(
      'href="mailto:support@shop.example"',
    );
  });
});
