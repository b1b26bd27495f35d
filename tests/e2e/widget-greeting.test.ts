/**
 * The bot's proactive greeting and the closed-hours banner in the widget: real Chromium, the real server
 * on a fixed clock (Tuesday 23:40 in Tokyo, closed until Wednesday 10:00), the demo page at `/`.
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { botMessages, openWidget, shopperPage, text, useAppAndBrowser } from '../helpers/browser.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** Tuesday 2026-11-24, 23:40 in Tokyo. */
const LATE_NIGHT = new Date('2026-11-24T14:40:00Z');
/** The reopening, written the same way in the bot's greeting and the widget's banner (#16 item 7). */
const REOPENING = '11月25日(水) 10:00';
const LATE_NIGHT_GREETING = `遅くまでお疲れさまです。ただいま営業時間外ですが、チャットの自動応答ならいますぐお答えします。スタッフは${REOPENING}から対応します。`;
const CLOSED_BANNER = `ただいま営業時間外です。スタッフは${REOPENING}から対応します。`;

const env = useAppAndBrowser({ now: () => LATE_NIGHT });

/** A brand-new visitor (own localStorage) on the demo page, with the page's timers under the test's control. */
async function newVisitor(): Promise<Page> {
  const page = await shopperPage(env.browser);
  await page.clock.install({ time: LATE_NIGHT });
  await page.goto(env.app.url);
  await page.locator('shop-chat-launcher button').waitFor();
  return page;
}

function conversationId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.querySelector('shop-chat')?.conversationId ?? null);
}

describe('proactive greeting in Chromium', () => {
  test('greets a late-night visitor once with the bot text; after dismissal and reload the chat opens on the closed banner', async () => {
    const page = await newVisitor();
    const greeting = page.locator('shop-chat [part="greeting"]');
    expect(await greeting.count()).toBe(0);
    // No conversation for a page view: the widget asks the bot only once the greeting delay has passed.
    expect(await conversationId(page)).toBeNull();
    await page.clock.runFor(4500);
    await greeting.waitFor();
    expect(await text(greeting.locator('.greeting-text'))).toContain(LATE_NIGHT_GREETING);
    const id = await conversationId(page);
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);

    await page.getByRole('button', { name: 'このメッセージを閉じる' }).click();
    await greeting.waitFor({ state: 'detached' });
    const dismissed = await waitFor(
      async () => (await env.app.fastify.storage.getConversation(id!))?.state.greeting,
      'the dismissal to be recorded',
    );
    expect(dismissed).toEqual({ shownAt: LATE_NIGHT.toISOString(), dismissedAt: LATE_NIGHT.toISOString() });

    await page.reload();
    await page.clock.runFor(10_000);
    expect(await greeting.count()).toBe(0);
    await openWidget(page);
    expect(await conversationId(page)).toBe(id);
    // The closed-hours banner from the welcome, before any handoff or message.
    expect(await text(page.locator('shop-chat [part="banner"]'))).toBe(CLOSED_BANNER);
    expect(await botMessages(page).count()).toBe(0);
  });

  test('a visitor who opens the chat at once sees the closed banner from the start and no greeting later', async () => {
    const page = await newVisitor();
    await openWidget(page);
    expect(await text(page.locator('shop-chat [part="banner"]'))).toBe(CLOSED_BANNER);
    await page.locator('shop-chat-launcher button').click();
    await page.locator('shop-chat .window').waitFor({ state: 'hidden' });
    await page.clock.runFor(4500);
    // The shopper found the chat: the greeting its welcome carried is not shown afterwards.
    expect(await page.locator('shop-chat [part="greeting"]').count()).toBe(0);
  });
});
