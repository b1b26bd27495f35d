/**
 * The transcript's scrolling on a phone (390×844) in real Chromium: a long answer opens at its start,
 * and a message that arrives while the shopper reads further up is announced by a pill, not forced into
 * view. The server's replies are held or lengthened through a routed WebSocket.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ask, botMessages, openWidget, PHONE, shopperPage, useAppAndBrowser } from '../helpers/browser.ts';

const env = useAppAndBrowser();

/** A phone page whose server frames pass through `edit` (return false to hold a frame back). */
async function phonePage(
  edit: (frame: Record<string, unknown>, ws: WebSocketRoute) => boolean,
): Promise<Page> {
  const page = await shopperPage(env.browser, PHONE);
  await page.routeWebSocket(/\/chat$/u, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      const frame = JSON.parse(String(message)) as Record<string, unknown>;
      if (edit(frame, ws)) ws.send(JSON.stringify(frame));
    });
  });
  await page.goto(env.app.url);
  await openWidget(page);
  return page;
}

/** The newest message's top and bottom against the transcript's visible part (CSS px). */
function newestBox(page: Page) {
  return page.evaluate(() => {
    const list = document.querySelector('shop-chat')?.shadowRoot?.querySelector('shop-chat-message-list');
    const log = list?.shadowRoot?.querySelector('.log');
    const messages = list?.shadowRoot?.querySelectorAll('shop-chat-message');
    const newest = messages?.[messages.length - 1]?.getBoundingClientRect();
    const view = log?.getBoundingClientRect();
    return newest && view
      ? { top: newest.top - view.top, bottom: newest.bottom - view.top, height: view.height }
      : null;
  });
}

describe('message list scrolling', () => {
  test('a long answer opens at its start, not its end', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `${i + 1}. 手順${i + 1}の説明です。`).join('\n');
    const page = await phonePage((frame) => {
      if (frame.type === 'reply' && frame.replyTo === 2) frame.markdown = `**はじめに**\n\n${long}`;
      return true;
    });
    await ask(page, 'こんにちは');
    await botMessages(page).first().waitFor();
    await ask(page, '送料はいくら');
    await botMessages(page).nth(1).waitFor();
    await expect
      .poll(async () => {
        const box = await newestBox(page);
        // Its first line is at the top of the transcript (within the list's padding), its end below.
        return box !== null && box.top >= 0 && box.top <= 24 && box.bottom > box.height;
      })
      .toBe(true);
  });

  test('a message that arrives while the shopper reads further up shows a pill that jumps to it', async () => {
    let held: { frame: Record<string, unknown>; ws: WebSocketRoute } | undefined;
    const page = await phonePage((frame, ws) => {
      if (frame.type === 'reply' && frame.replyTo === 6) {
        held = { frame, ws };
        return false;
      }
      return true;
    });
    for (let i = 1; i <= 5; i += 1) {
      await ask(page, '送料はいくら');
      await botMessages(page)
        .nth(i - 1)
        .waitFor();
    }
    await ask(page, '定期便の周期を変えたい');
    await expect.poll(() => held !== undefined).toBe(true);
    // The shopper swipes back up to re-read an earlier answer.
    const log = page.locator('shop-chat-message-list .log');
    await log.hover();
    await page.mouse.wheel(0, -2000);
    await expect.poll(() => log.evaluate((el) => el.scrollTop)).toBe(0);
    held!.ws.send(JSON.stringify(held!.frame));
    await botMessages(page).nth(5).waitFor();
    const pill = page.locator('shop-chat-message-list [part="new-message"]');
    await pill.waitFor();
    expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
    await pill.tap();
    await pill.waitFor({ state: 'detached' });
    await expect
      .poll(async () => {
        const box = await newestBox(page);
        return box !== null && box.top >= 0 && box.bottom <= box.height + 1;
      })
      .toBe(true);
  });
});
