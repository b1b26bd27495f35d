/**
 * The widget end to end: real Chromium, the real server (small engine), the demo page at `/`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContextOptions, Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  ask,
  botMessages,
  openWidget,
  shopperMessages,
  shopperPage,
  text,
  useAppAndBrowser,
  watchErrors,
} from '../helpers/browser.ts';

const env = useAppAndBrowser();

/** A fresh browser context (own localStorage) and page on the demo page; closed after the test. */
async function newPage(options: BrowserContextOptions = {}, path = '/'): Promise<Page> {
  const page = await shopperPage(env.browser, options);
  await page.goto(`${env.app.url}${path}`);
  return page;
}

/** The deepest focused element, through shadow roots: `tag.class` or `tag#id`. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return '';
    const host = (active.getRootNode() as ShadowRoot).host?.localName ?? 'document';
    return `${host} > ${active.localName}${active.className ? `.${active.className}` : ''}`;
  });
}

function conversationId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('shop-chat')?.conversationId ?? null);
}

describe('chat widget in Chromium', () => {
  test('answers a question asked in Japanese on the demo page', async () => {
    const page = await newPage();
    const errors = watchErrors(page);
    await openWidget(page);
    await ask(page, '定期便の周期を変えたい');
    await botMessages(page).first().waitFor();
    const answer = botMessages(page).first();
    expect(await text(answer.locator('.bubble'))).toContain('マイページ');
    // The answer's Markdown link went through the one sanitising path.
    const link = answer.locator('.markdown a');
    expect(await link.getAttribute('href')).toBe('https://shop.example/mypage');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await text(answer.locator('time'))).toMatch(/^\d{2}:\d{2}$/u);
    expect(await text(shopperMessages(page).first())).toContain('定期便の周期を変えたい');
    // The subscription-change flow offers to take the change here, besides the answer's topic button.
    expect(await answer.locator('[part="quick-reply"]').allInnerTexts()).toEqual([
      'マイページで手続きする',
      '定期便の解約',
    ]);
    expect(errors).toEqual([]);
  });

  test('a quick reply button sends its intent and gets that answer', async () => {
    const page = await newPage();
    await openWidget(page);
    await ask(page, '定期便の周期を変えたい');
    await botMessages(page).first().waitFor();
    await page.locator('[part="quick-reply"]', { hasText: '定期便の解約' }).click();
    await botMessages(page).nth(1).waitFor();
    expect(await text(shopperMessages(page).nth(1))).toContain('定期便の解約');
    expect(await text(botMessages(page).nth(1))).toContain('解約をお考えの理由');
    // Only the latest bot message offers buttons.
    expect(await botMessages(page).first().locator('[part="quick-reply"]').count()).toBe(0);
  });

  test('a clarify question is answered by choosing a candidate button', async () => {
    const page = await newPage();
    await openWidget(page);
    await ask(page, '周期をやめたい');
    await botMessages(page).first().waitFor();
    const clarify = botMessages(page).first();
    expect(await text(clarify)).toContain('どれに近い');
    const candidates = await clarify.locator('[part="quick-reply"]').allInnerTexts();
    expect(candidates).toEqual(expect.arrayContaining(['お届け周期の変更', '定期便の解約']));
    await clarify.locator('[part="quick-reply"]', { hasText: 'お届け周期の変更' }).click();
    await botMessages(page).nth(1).waitFor();
    expect(await text(botMessages(page).nth(1))).toContain('お届け周期はマイページから変更できます');
  });

  test('shows a typing indicator while the answer is on its way', async () => {
    const page = await newPage();
    await openWidget(page);
    // Hold the server's frames back so the wait is observable.
    await page.evaluate(() => {
      const original = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data) {
        if (String(data).includes('"message"')) {
          setTimeout(() => original.call(this, data), 600);
          return;
        }
        original.call(this, data);
      };
    });
    await ask(page, '送料はいくら');
    await page.locator('[part="typing"]').waitFor();
    expect(await text(page.locator('[part="typing"]'))).toContain('回答を準備しています');
    await botMessages(page).first().waitFor();
    await page.locator('[part="typing"]').waitFor({ state: 'detached' });
    expect(await page.locator('[part="typing"]').count()).toBe(0);
  });

  test('rating an answer helpful is stored and survives a reload with the history', async () => {
    const page = await newPage();
    await openWidget(page);
    await ask(page, '送料はいくら');
    await botMessages(page).first().waitFor();
    await ask(page, '定期便を解約したい');
    await botMessages(page).nth(1).waitFor();
    await botMessages(page).first().getByRole('button', { name: '役に立った' }).click();
    await page.getByText('ご意見ありがとうございます').waitFor();
    const id = await conversationId(page);
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);
    const stored = await env.app.fastify.storage.listMessages(id!);
    expect(stored.find((m) => m.role === 'bot')?.feedback).toBe(1);
    const before = await page.locator('shop-chat-message .row').allInnerTexts();

    await page.reload();
    // The window was open before the reload, so it opens again, with the same conversation.
    await page.locator('shop-chat .status[data-state="online"]').waitFor();
    await botMessages(page).nth(1).waitFor();
    expect(await conversationId(page)).toBe(id);
    expect(await page.locator('shop-chat-message .row').allInnerTexts()).toEqual(before);
    const helpful = botMessages(page).first().getByRole('button', { name: '役に立った' });
    expect(await helpful.getAttribute('aria-pressed')).toBe('true');
    // Numbering continues after the restored history: the next message is new, not a retry of seq 1.
    await ask(page, 'こんにちは');
    await botMessages(page).nth(2).waitFor();
    expect(await env.app.fastify.storage.listMessages(id!)).toHaveLength(6);
  });

  test('a handoff shows the email form, validates the address and sends it', async () => {
    const page = await newPage();
    await openWidget(page);
    await ask(page, 'スタッフに相談したい');
    const form = page.locator('shop-chat-email-form form');
    await form.waitFor();
    expect(await text(form)).toContain('スタッフからメールでご返信します');
    expect(await text(form)).toContain('ご返信します');
    const email = form.getByLabel('メールアドレス');
    await form.getByRole('button', { name: 'アドレスを送信' }).click();
    expect(await text(form.getByRole('alert'))).toContain('メールアドレスを入力してください');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    await email.fill('taro@example');
    await email.press('Enter');
    expect(await text(form.getByRole('alert'))).toContain('形式が正しくありません');
    // Full-width input from a Japanese keyboard is accepted and folded to ASCII.
    await email.fill('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ');
    await email.press('Enter');
    await shopperMessages(page).nth(1).waitFor();
    expect(await text(shopperMessages(page).nth(1))).toContain('taro@example.jp');
    await form.waitFor({ state: 'detached' });
    const stored = await env.app.fastify.storage.listMessages((await conversationId(page))!);
    expect(stored.filter((m) => m.role === 'shopper').map((m) => m.text)).toContain('taro@example.jp');
  });

  test('a handoff recorded while the shop is closed says when the shop opens next', async () => {
    const page = await newPage();
    // The server's handoff facts (docs/protocol.md, `reply.handoff`) put on the reply to the address, so
    // the test does not depend on the clock or the shop's calendar.
    await page.routeWebSocket(/\/chat$/u, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        const frame = JSON.parse(String(message));
        if (frame.type === 'reply' && frame.replyTo === 2) {
          frame.decision = 'handoff';
          frame.handoff = {
            step: 'done',
            ticket: 'K7Q2',
            open: false,
            nextOpening: '2026-11-24T01:00:00.000Z',
          };
        }
        ws.send(JSON.stringify(frame));
      });
    });
    await page.reload();
    await openWidget(page);
    await ask(page, 'スタッフに相談したい');
    const form = page.locator('shop-chat-email-form form');
    await form.waitFor();
    await form.getByLabel('メールアドレス').fill('hanako@example.jp');
    await form.getByRole('button', { name: 'アドレスを送信' }).click();
    // The reply's hours replace the welcome's shop status (which follows the real clock).
    const banner = page.locator('shop-chat [part="banner"]', { hasText: '11月24日(火) 10:00' });
    await banner.waitFor();
    expect(await text(banner)).toBe('ただいま営業時間外です。スタッフは11月24日(火) 10:00から対応します。');
    expect(await page.locator('shop-chat-email-form').count()).toBe(0);
  });

  test('Enter that confirms an IME conversion does not send; Shift+Enter adds a newline', async () => {
    const page = await newPage();
    await openWidget(page);
    const textarea = page.locator('shop-chat-input textarea');
    await textarea.focus();
    // A real IME composition through the DevTools protocol: Chromium marks the Enter as isComposing.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'ていきびん', selectionStart: 5, selectionEnd: 5 });
    const keydowns: boolean[] = [];
    await page.exposeFunction('recordKeydown', (composing: boolean) => keydowns.push(composing));
    await page.evaluate(() => {
      const ta = document
        .querySelector('shop-chat')
        ?.shadowRoot?.querySelector('shop-chat-input')
        ?.shadowRoot?.querySelector('textarea');
      ta?.addEventListener('keydown', (e) => {
        if (e.key === 'Enter')
          (window as unknown as { recordKeydown(c: boolean): void }).recordKeydown(e.isComposing);
      });
    });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Enter',
      code: 'Enter',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter' });
    await cdp.send('Input.insertText', { text: '定期便' });
    await page.keyboard.down('Shift');
    await page.keyboard.press('Enter');
    await page.keyboard.up('Shift');
    await page.keyboard.insertText('の周期');
    expect(keydowns[0]).toBe(true);
    expect(await textarea.inputValue()).toBe('定期便\nの周期');
    expect(await shopperMessages(page).count()).toBe(0);
    // A plain Enter afterwards sends the whole text, newline included.
    await textarea.press('Enter');
    await shopperMessages(page).first().waitFor();
    expect(await text(shopperMessages(page).first().locator('.text'))).toBe('定期便\nの周期');
    expect(await textarea.inputValue()).toBe('');
  });

  test('messages typed offline are shown as waiting and sent once when the connection is back', async () => {
    const page = await newPage({}, '/?offline-test');
    let offline = false;
    const routes: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/chat$/u, (ws) => {
      if (offline) {
        ws.close({ code: 1011, reason: 'test: network down' });
        return;
      }
      routes.push(ws);
      ws.connectToServer();
    });
    await page.reload();
    await openWidget(page);
    await ask(page, 'こんにちは');
    await botMessages(page).first().waitFor();

    offline = true;
    await page.context().setOffline(true);
    for (const ws of routes) await ws.close({ code: 1011, reason: 'test: network down' });
    // The offline banner (a closed-hours one may follow it, depending on the real clock).
    const banner = page.locator('shop-chat [part="banner"].offline');
    await banner.waitFor();
    expect(await text(banner)).toContain('接続が切れています');
    await ask(page, '送料はいくら');
    await ask(page, '定期便を解約したい');
    expect(await text(shopperMessages(page).nth(2))).toContain('送信待ち');

    offline = false;
    await page.context().setOffline(false);
    await botMessages(page).nth(2).waitFor({ timeout: 15_000 });
    await banner.waitFor({ state: 'detached' });
    const stored = await env.app.fastify.storage.listMessages((await conversationId(page))!);
    expect(stored.filter((m) => m.role === 'shopper').map((m) => m.text)).toEqual([
      'こんにちは',
      '送料はいくら',
      '定期便を解約したい',
    ]);
    expect(stored.filter((m) => m.role === 'bot')).toHaveLength(3);
    expect(await page.getByText('送信待ち').count()).toBe(0);
  });

  test('works with the keyboard alone: open, type, Escape closes and focus returns to the launcher', async () => {
    const page = await newPage();
    await page.locator('shop-chat-launcher button').focus();
    await page.keyboard.press('Enter');
    await page.locator('shop-chat [part="window"]').waitFor();
    expect(await focused(page)).toBe('shop-chat-input > textarea');
    expect(await page.locator('shop-chat-launcher button').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.type('送料');
    await page.keyboard.press('Enter');
    await botMessages(page).first().waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Escape');
    await page.locator('shop-chat [part="window"]').waitFor({ state: 'hidden' });
    expect(await focused(page)).toBe('shop-chat-launcher > button');
    expect(await page.locator('shop-chat-launcher button').getAttribute('aria-label')).toBe(
      'チャットでお問い合わせ',
    );
  });

  test('counts answers that arrive while the window is closed on the launcher', async () => {
    const page = await newPage();
    await openWidget(page);
    // Delay the message so the shopper can close the window before the answer comes.
    await page.evaluate(() => {
      const original = WebSocket.prototype.send;
      WebSocket.prototype.send = function (this: WebSocket, data) {
        if (String(data).includes('"message"')) setTimeout(() => original.call(this, data), 500);
        else original.call(this, data);
      };
    });
    await ask(page, '送料はいくら');
    await page.keyboard.press('Escape');
    const badge = page.locator('shop-chat-launcher [part="badge"]');
    await badge.waitFor();
    expect(await text(badge)).toBe('1');
    expect(await badge.getAttribute('aria-label')).toBe('未読 1件');
    await page.locator('shop-chat-launcher button').click();
    await badge.waitFor({ state: 'detached' });
    expect(await text(botMessages(page).first())).toContain('送料は');
  });

  test('announces new messages through a polite live region with labelled controls', async () => {
    const page = await newPage();
    await openWidget(page);
    const log = page.locator('shop-chat-message-list [role="log"]');
    expect(await log.getAttribute('aria-live')).toBe('polite');
    expect(await page.locator('shop-chat [role="dialog"]').getAttribute('aria-labelledby')).toBe('title');
    expect(await page.getByLabel('メッセージ', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '送信' }).count()).toBe(1);
    await ask(page, '送料はいくら');
    await botMessages(page).first().waitFor();
    // Screen readers hear who speaks, in the right language.
    expect(await text(log.locator('shop-chat-message .row').first())).toContain('あなた');
    expect(await page.locator('shop-chat .root').getAttribute('lang')).toBe('ja');
  });

  test('switches between Japanese and English', async () => {
    const page = await newPage();
    await openWidget(page);
    expect(await text(page.locator('shop-chat h2'))).toBe('お問い合わせチャット');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    expect(await text(page.locator('shop-chat h2'))).toBe('Support chat');
    expect(await page.locator('shop-chat-input textarea').getAttribute('placeholder')).toBe('Type a message');
    expect(await page.locator('shop-chat .root').getAttribute('lang')).toBe('en');
    await ask(page, 'how much is shipping');
    await botMessages(page).first().waitFor();
    expect(await text(botMessages(page).first())).toContain('Shipping is');
    // The choice is remembered on the next page.
    await page.reload();
    await page.locator('shop-chat .status[data-state="online"]').waitFor();
    expect(await text(page.locator('shop-chat h2'))).toBe('Support chat');
    await page.getByRole('button', { name: '日本語に切り替える' }).click();
    expect(await text(page.locator('shop-chat h2'))).toBe('お問い合わせチャット');
  });

  test('one script tag on a shop page of another origin inserts the widget and chats with its server', async () => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    const errors = watchErrors(page);
    // A shop's own page on its own origin (another port): nothing but the script tag, configured by
    // data attributes.
    const shopPage = `<!doctype html><html lang="ja"><body><h1>Shop</h1>
      <script src="${env.app.url}/widget.js" defer data-locale="en" data-accent="#b5563a" data-theme="dark"></script>
      </body></html>`;
    const shop = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopPage);
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => shop.close(() => resolve())));
    const { port } = shop.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/products/1`);
    expect(new URL(page.url()).origin).not.toBe(new URL(env.app.url).origin);
    await openWidget(page);
    expect(await page.locator('shop-chat').getAttribute('theme')).toBe('dark');
    expect(await text(page.locator('shop-chat h2'))).toBe('Support chat');
    const launcherColour = await page
      .locator('shop-chat-launcher button')
      .evaluate((button) => getComputedStyle(button).backgroundColor);
    expect(launcherColour).toBe('rgb(181, 86, 58)');
    await ask(page, 'how much is shipping');
    await botMessages(page).first().waitFor();
    expect(await text(botMessages(page).first())).toContain('Shipping is');
    expect(errors).toEqual([]);
  });

  test('follows the page language when the shopper has not chosen one', async () => {
    const page = await newPage({ locale: 'ja-JP' }, '/?lang=en');
    await openWidget(page);
    expect(await text(page.locator('shop-chat h2'))).toBe('Support chat');
    expect(await page.locator('shop-chat-launcher button').getAttribute('aria-label')).toBe('Close the chat');
  });

  test('shows the proactive greeting once, and it can be dismissed', async () => {
    const context = await env.browser.newContext({ locale: 'ja-JP' });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    await page.clock.install();
    await page.goto(env.app.url);
    await page.locator('shop-chat-launcher button').waitFor();
    expect(await page.locator('shop-chat [part="greeting"]').count()).toBe(0);
    await page.clock.runFor(4500);
    const greeting = page.locator('shop-chat [part="greeting"]');
    await greeting.waitFor();
    // The bot's greeting for the real time of day (tests/e2e/widget-greeting.test.ts fixes the clock).
    expect(await text(greeting)).toMatch(
      /^(遅くまでお疲れさまです|おはようございます|こんにちは|こんばんは)。/u,
    );
    await page.getByRole('button', { name: 'このメッセージを閉じる' }).click();
    await greeting.waitFor({ state: 'detached' });
    await page.reload();
    await page.clock.runFor(10_000);
    expect(await page.locator('shop-chat [part="greeting"]').count()).toBe(0);
  });

  test('takes the whole screen on a 320 px phone without horizontal scrolling', async () => {
    const page = await newPage({
      viewport: { width: 320, height: 568 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const launcher = page.locator('shop-chat-launcher button');
    await launcher.tap();
    await page.locator('shop-chat .status[data-state="online"]').waitFor();
    // The keyboard does not jump up over the transcript: focus is on the dialog, not the text box.
    expect(await focused(page)).toBe('shop-chat > section.window');
    // The window slides in; once settled it covers the viewport exactly.
    const windowBox = page.locator('shop-chat [part="window"]');
    await expect
      .poll(async () => {
        const box = await windowBox.boundingBox();
        return box && Object.values(box).map(Math.round);
      })
      .toEqual([0, 0, 320, 568]);
    await ask(page, '定期便の周期を変えたい');
    await botMessages(page).first().waitFor();
    const overflow = await page.evaluate(() => {
      const root = document.querySelector('shop-chat')?.shadowRoot;
      const list = root?.querySelector('shop-chat-message-list')?.shadowRoot?.querySelector('.log');
      return {
        page: document.documentElement.scrollWidth - window.innerWidth,
        list: list ? list.scrollWidth - list.clientWidth : -1,
      };
    });
    expect(overflow).toEqual({ page: 0, list: 0 });
    // The launcher is hidden under the full-screen window; the header's close button closes it.
    expect(await launcher.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'チャットを閉じる' }).tap();
    await launcher.waitFor({ state: 'visible' });
    expect(await launcher.isVisible()).toBe(true);
  });

  test('respects prefers-reduced-motion', async () => {
    const page = await newPage({ reducedMotion: 'reduce' });
    await openWidget(page);
    const duration = await page.evaluate(() => {
      const window = document.querySelector('shop-chat')?.shadowRoot?.querySelector('.window');
      return window ? getComputedStyle(window).animationDuration : '';
    });
    expect(parseFloat(duration)).toBeLessThan(0.001);
  });
});
