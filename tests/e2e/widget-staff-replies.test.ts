/**
 * An operator's reply reaches the shopper's widget (real Chromium, phone and desktop): the operator
 * signs in to the console and replies to the escalation; the open widget shows the reply at once as
 * from the shop's staff; with the window closed the launcher counts it unread, still after a reload;
 * opening the window clears the badge for good (the next reload shows none). Screenshots go to /tmp.
 */
import fs from 'node:fs/promises';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ask, DESKTOP, openWidget, PHONE, shopperPage, text, useAppAndBrowser } from '../helpers/browser.ts';
import { go, signInConsole } from '../helpers/console-browser.ts';
import { createStaff } from '../helpers/console-client.ts';

const env = useAppAndBrowser();
const SHOT_DIR = '/tmp/shop-bot-staff-replies';

beforeAll(async () => {
  await createStaff(env.app.fastify, 'operator');
  await fs.mkdir(SHOT_DIR, { recursive: true });
});

/** The shopper hands off in the widget (asks for a person, gives an address, skips the summary). */
async function handOff(page: Page, email: string): Promise<string> {
  await openWidget(page);
  await ask(page, '人と話したい');
  const form = page.locator('shop-chat-email-form form');
  await form.getByLabel('メールアドレス').fill(email);
  await form.getByRole('button', { name: 'アドレスを送信' }).click();
  await page.locator('shop-chat-message[data-role="bot"]').nth(1).waitFor();
  await ask(page, 'スキップ');
  await page.locator('shop-chat-message[data-role="bot"]').nth(2).waitFor();
  const conversationId = await page.evaluate(
    () => (document.querySelector('shop-chat') as unknown as { conversationId: string }).conversationId,
  );
  const escalation = await expect
    .poll(async () =>
      (await env.app.fastify.storage.listEscalations()).find((e) => e.conversationId === conversationId),
    )
    .toBeDefined()
    .then(async () =>
      (await env.app.fastify.storage.listEscalations()).find((e) => e.conversationId === conversationId),
    );
  return escalation!.id;
}

/** Signs the operator in and opens the escalation page. */
async function escalationPage(escalationId: string): Promise<Page> {
  const { page } = await signInConsole(env.browser, env.app, 'operator@shop.test', DESKTOP);
  await go(page, `escalations/${escalationId}`);
  await page.locator('console-escalation-detail form[data-form="reply"]').waitFor();
  return page;
}

/** The operator sends `message` in the chat from the console page and waits for the confirmation. */
async function replyInChat(console: Page, message: string): Promise<void> {
  const form = console.locator('console-escalation-detail form[data-form="reply"]');
  await form.locator('input[name="via"][value="chat"]').check();
  await form.locator('textarea[name="text"]').fill(message);
  await form.locator('button[type="submit"]').click();
  await console
    .locator('console-escalation-detail .alert.success', { hasText: 'チャットに返信しました' })
    .waitFor();
}

/** Closes the chat window with its close button (the phone's full-screen window covers the launcher). */
async function closeWidget(page: Page): Promise<void> {
  await page.locator('shop-chat button.close').click();
  await expect.poll(() => page.locator('shop-chat').getAttribute('open')).toBeNull();
}

const staffRows = (page: Page) => page.locator('shop-chat-message[data-role="staff"] .row');
const badge = (page: Page) => page.locator('shop-chat-launcher [part="badge"]');

describe.each([
  { device: 'phone', options: PHONE },
  { device: 'desktop', options: DESKTOP },
] as { device: string; options: BrowserContextOptions }[])(
  'staff replies in the widget on $device',
  ({ device, options }) => {
    test('a reply appears live in the open widget, and after a reload of a closed one with the unread badge', async () => {
      const shopper = await shopperPage(env.browser, options);
      await shopper.goto(env.app.url);
      const escalationId = await handOff(shopper, `${device}@example.jp`);
      const console = await escalationPage(escalationId);

      // Open widget: the reply shows at once, as from the shop's staff; no badge.
      await replyInChat(
        console,
        'お問い合わせありがとうございます。担当の佐藤です。\n来週の配送に変更いたしました。',
      );
      await staffRows(shopper).first().waitFor({ timeout: 5000 });
      expect(await text(staffRows(shopper).first())).toContain('ショップスタッフ');
      expect(await text(staffRows(shopper).first())).toContain('来週の配送に変更いたしました。');
      await shopper.screenshot({ path: `${SHOT_DIR}/${device}-live.png`, animations: 'disabled' });

      // Closed widget: a reply raises the launcher's badge, which stays after a reload.
      await closeWidget(shopper);
      await replyInChat(console, '念のため、お届け予定日もお知らせします。12月11日（金）です。');
      await expect.poll(() => badge(shopper).count(), { timeout: 5000 }).toBe(1);
      expect(await text(badge(shopper))).toBe('1');
      await shopper.reload();
      await badge(shopper).waitFor({ timeout: 5000 });
      expect(await text(badge(shopper))).toBe('1');
      expect(await shopper.locator('shop-chat').getAttribute('open')).toBeNull();
      await shopper.screenshot({
        path: `${SHOT_DIR}/${device}-badge-after-reload.png`,
        animations: 'disabled',
      });

      // Opening the window shows both replies and clears the badge, also for the next visit.
      await openWidget(shopper);
      await expect.poll(() => staffRows(shopper).count()).toBe(2);
      expect(await badge(shopper).count()).toBe(0);
      await expect
        .poll(async () => {
          const lines = await env.app.fastify.staffMessages.after(
            (await env.app.fastify.storage.getEscalation(escalationId))!.conversationId,
            0,
          );
          return lines.every((m) => (m.payload as { seenAt: unknown }).seenAt !== null);
        })
        .toBe(true);
      // Closed again: the reload finds the window closed, and no badge.
      await closeWidget(shopper);
      await shopper.reload();
      await shopper.locator('shop-chat-launcher button').waitFor();
      await shopper.waitForTimeout(500);
      expect(await badge(shopper).count()).toBe(0);

      // The console's transcript shows the staff lines with their author.
      await console.reload();
      await console.locator('console-escalation-detail li.line.staff').first().waitFor();
      expect(await console.locator('console-escalation-detail li.line.staff').count()).toBe(2);
      expect(await text(console.locator('console-escalation-detail li.line.staff').first())).toContain(
        'operator tester',
      );
      await console.screenshot({ path: `${SHOT_DIR}/${device}-console.png`, fullPage: true });
    }, 60_000);
  },
);
