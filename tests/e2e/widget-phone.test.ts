/**
 * Phone details of the widget in real Chromium (390×844, ja-JP): the full-screen chat is modal, the
 * greeting bubble leaves the page's call to action free and its text is still there when the chat opens,
 * the launcher clears a shop's fixed 「ページトップへ」 button, and pasted text is never cut.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  botMessages,
  DESKTOP,
  openWidget,
  PHONE,
  shopperMessages,
  shopperPage,
  text,
  useAppAndBrowser,
} from '../helpers/browser.ts';

const env = useAppAndBrowser();

async function newPage(device: BrowserContextOptions, path = '/'): Promise<Page> {
  const page = await shopperPage(env.browser, device);
  await page.goto(`${env.app.url}${path}`);
  return page;
}

/** The focused element's host chain from the document: `shop-chat` when the focus is inside the widget. */
function focusedHost(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.localName ?? '');
}

type Box = { x: number; y: number; width: number; height: number };
function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** Puts an EC-CUBE 4 style 「ページトップへ」 button on the page (its default theme's fixed corner button). */
async function addPageTopButton(page: Page, css: string): Promise<void> {
  await page.evaluate((style) => {
    const button = document.createElement('div');
    button.id = 'pagetop';
    button.textContent = 'ページトップへ';
    button.setAttribute('style', `position:fixed;width:120px;height:40px;${style}`);
    document.body.append(button);
  }, css);
}

describe('widget on a phone', () => {
  test('the full-screen chat is modal: Tab never reaches the page behind', async () => {
    const page = await newPage(PHONE);
    await openWidget(page);
    expect(await page.locator('shop-chat [part="window"]').getAttribute('aria-modal')).toBe('true');
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Tab');
      expect(await focusedHost(page)).toBe('shop-chat');
    }
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusedHost(page)).toBe('shop-chat');
    }
  });

  test('the desktop window is not modal: the page stays usable', async () => {
    const page = await newPage(DESKTOP);
    await openWidget(page);
    expect(await page.locator('shop-chat [part="window"]').getAttribute('aria-modal')).toBeNull();
  });

  test('the greeting leaves the call to action free, and its text opens with the chat', async () => {
    const page = await shopperPage(env.browser, PHONE);
    await page.clock.install();
    await page.goto(env.app.url);
    await page.locator('shop-chat-launcher button').waitFor();
    await page.clock.runFor(4500);
    const greeting = page.locator('shop-chat [part="greeting"]');
    await greeting.waitFor();
    const said = (await page.locator('shop-chat .greeting-body').textContent()) ?? '';
    expect(said).toMatch(/^(遅くまでお疲れさまです|おはようございます|こんにちは|こんばんは)。/u);
    const cta = await page
      .getByRole('link', { name: '定期便を申し込む' })
      .or(page.getByRole('button', { name: '定期便を申し込む' }))
      .boundingBox();
    const bubble = await greeting.boundingBox();
    expect(cta && bubble && overlaps(cta, bubble)).toBe(false);
    await page.locator('shop-chat .greeting-text').tap();
    await page.locator('shop-chat .status[data-state="online"]').waitFor();
    expect(await text(botMessages(page).first())).toContain(said);
  });

  test.each([
    { name: 'phone', device: PHONE, css: 'right:0;bottom:10px' },
    { name: 'desktop', device: DESKTOP, css: 'right:30px;bottom:30px' },
  ])('the launcher clears a fixed page-top button in the corner ($name)', async ({ device, css }) => {
    const page = await newPage(device);
    await addPageTopButton(page, css);
    const launcher = await page.locator('shop-chat-launcher button').boundingBox();
    const pageTop = await page.locator('#pagetop').boundingBox();
    expect(launcher && pageTop && overlaps(launcher, pageTop)).toBe(false);
  });

  test('pasted text is kept whole up to the server’s limit in characters, not UTF-16 units', async () => {
    const page = await newPage(PHONE);
    await openWidget(page);
    // 600 emoji: 600 characters (code points) for the server, 1200 UTF-16 units for a textarea maxlength.
    const pasted = '🙂'.repeat(600);
    const box = page.locator('shop-chat-input textarea');
    await box.focus();
    await page.keyboard.insertText(pasted);
    expect(await box.inputValue()).toBe(pasted);
    await box.press('Enter');
    await botMessages(page).first().waitFor();
    expect(await text(shopperMessages(page).first().locator('.text'))).toBe(pasted);
  });

  test('a paste over the limit is kept, counted and not sent until shortened', async () => {
    const page = await newPage(PHONE);
    await openWidget(page);
    const box = page.locator('shop-chat-input textarea');
    await box.focus();
    await page.keyboard.insertText('あ'.repeat(1001));
    expect([...(await box.inputValue())]).toHaveLength(1001);
    const warning = page.locator('shop-chat-input [part="limit"]');
    expect(await text(warning)).toBe('1000文字以内で入力してください（いま1001文字）。');
    expect(await page.locator('shop-chat-input [part="send-button"]').isDisabled()).toBe(true);
    await box.press('Enter');
    expect(await shopperMessages(page).count()).toBe(0);
    await box.press('Backspace');
    await warning.waitFor({ state: 'detached' });
    await box.press('Enter');
    await shopperMessages(page).first().waitFor();
  });
});
