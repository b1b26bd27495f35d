/**
 * The widget's one markdown path under attack, in real Chromium: a bot answer carrying XSS payloads
 * (raw HTML, javascript: and data: links, event handlers) and a shopper typing HTML. Nothing may run,
 * both when the answer arrives live and when it comes back in the restored history after a reload.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import { ask, botMessages, launchChromium, openWidget, shopperMessages, text } from '../helpers/browser.ts';
import { SMALL_CORPUS, smallEngine } from '../helpers/small-corpus.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** A staff-written answer gone wrong: every line tries to run script or smuggle markup. */
const PAYLOAD_ANSWER = [
  '送料のご案内です。<img src=x onerror="window.__xss=\'img\'">',
  '<script>window.__xss="script"</script>',
  "[javascriptリンク](javascript:window.__xss='js-link')",
  '[dataリンク](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[相対リンク](/admin)',
  '![画像](https://shop.example/pixel.png)',
  '<a href="https://evil.example" onclick="window.__xss=\'onclick\'">生のリンク</a>',
  '<svg onload="window.__xss=\'svg\'"></svg><iframe src="javascript:top.__xss=\'iframe\'"></iframe>',
  '[安全なリンク](https://shop.example/help) と [メール](mailto:support@shop.example)、**太字**',
].join('\n\n');

/** The small corpus with the Japanese shipping answer replaced by the payload (same training data). */
const PAYLOAD_CORPUS: Corpus = {
  intents: SMALL_CORPUS.intents.map((intent) =>
    intent.locale === 'ja' && intent.id === 'shipping.fee' ? { ...intent, answer: PAYLOAD_ANSWER } : intent,
  ),
};

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    smallEngine().then((engine) => startTestApp({ prepared: { engine, corpus: PAYLOAD_CORPUS } })),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A page on the demo shop that records every dialog (alert, confirm) and the payloads' marker. */
async function guardedPage(): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(app.url);
  return { page, dialogs };
}

/** Whether any payload ran (after giving error and load events time to fire). */
async function xssMarker(page: Page): Promise<unknown> {
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
}

/** What the rendered answer contains that could be dangerous. */
function inspectAnswer(page: Page) {
  return botMessages(page)
    .first()
    .locator('.markdown')
    .evaluate((root) => ({
      dangerous: root.querySelectorAll('script, img, svg, iframe, object, embed, style, form, input').length,
      handlers: [...root.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on') || a.name === 'style').map((a) => a.name),
      ),
      links: [...root.querySelectorAll('a')].map((a) => ({
        text: a.textContent,
        href: a.getAttribute('href'),
        target: a.getAttribute('target'),
        rel: a.getAttribute('rel'),
      })),
      strong: root.querySelector('strong')?.textContent ?? null,
    }));
}

describe('widget XSS defences in Chromium', () => {
  test('a bot answer with script payloads renders as inert text and safe links, live and after a reload', async () => {
    const { page, dialogs } = await guardedPage();
    await openWidget(page);
    await ask(page, '送料はいくら');
    await botMessages(page).first().waitFor();
    for (const phase of ['live', 'restored'] as const) {
      if (phase === 'restored') {
        await page.reload();
        await botMessages(page).first().waitFor();
      }
      const answer = await inspectAnswer(page);
      expect(answer.dangerous, phase).toBe(0);
      expect(answer.handlers, phase).toEqual([]);
      expect(answer.links, phase).toEqual([
        // javascript:, data: and relative URLs lose their href: plain text, not links.
        { text: 'javascriptリンク', href: null, target: null, rel: null },
        { text: 'dataリンク', href: null, target: null, rel: null },
        { text: '相対リンク', href: null, target: null, rel: null },
        { text: '安全なリンク', href: 'https://shop.example/help', target: '_blank', rel: 'noopener' },
        { text: 'メール', href: 'mailto:support@shop.example', target: '_blank', rel: 'noopener' },
      ]);
      expect(answer.strong, phase).toBe('太字');
      // Raw HTML in the Markdown is shown as the characters staff typed.
      const visible = await text(botMessages(page).first().locator('.markdown'));
      expect(visible, phase).toContain('<img src=x onerror=');
      expect(visible, phase).toContain('<a href="https://evil.example"');
      expect(await xssMarker(page), phase).toBeNull();
    }
    expect(dialogs).toEqual([]);
  });

  test('HTML and Markdown typed by the shopper stay plain text', async () => {
    const { page, dialogs } = await guardedPage();
    await openWidget(page);
    const typed = '<img src=x onerror="alert(\'shopper\')"> **bold?** [link](javascript:alert(1))';
    await ask(page, typed);
    await botMessages(page).first().waitFor();
    const bubble = shopperMessages(page).first().locator('.bubble');
    expect(await bubble.evaluate((el) => el.querySelectorAll('img, strong, a').length)).toBe(0);
    expect(await text(bubble.locator('.text'))).toBe(typed);
    await page.reload();
    await shopperMessages(page).first().waitFor();
    expect(await text(shopperMessages(page).first().locator('.text'))).toBe(typed);
    expect(await xssMarker(page)).toBeNull();
    expect(dialogs).toEqual([]);
  });
});
