/**
 * Deleting a shopper's data from the console, in real Chromium: an admin checks what a real chat
 * handoff left behind (dry run: counts per table, nothing deleted), confirms, and the escalation is gone
 * from the list while another shopper's stays; the API's message shows when it refuses; editors and
 * operators have no such page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LineInboxStore } from '../../server/channels/line/line-inbox-store.ts';
import { LineUserStore } from '../../server/channels/line/line-user-store.ts';
import { DESKTOP, launchChromium, PHONE, text } from '../helpers/browser.ts';
import { go, navRoutes, signInConsole } from '../helpers/console-browser.ts';
import { createStaff, signIn } from '../helpers/console-client.ts';
import { completeHandoff } from '../helpers/handoff.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await Promise.all([
    createStaff(app.fastify, 'admin'),
    createStaff(app.fastify, 'editor'),
    createStaff(app.fastify, 'operator'),
  ]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** One shopper's chat that ends in a handoff with their address. */
async function handoff(email: string, summary: string): Promise<void> {
  const chat = await ChatClient.connect(app.url);
  chat.send({ type: 'hello' });
  await chat.next('welcome');
  await completeHandoff(chat, { seq: 1, email, summary });
  chat.close();
}

describe('privacy page', () => {
  test('an admin checks, then deletes, a shopper by email; their escalation leaves the list', async () => {
    await handoff('forget.me@example.jp', '退会したので記録を消してほしい');
    await handoff('keep.me@example.jp', '次回のお届け日を知りたい');

    const { page, errors } = await signInConsole(browser, app, 'admin@shop.test');
    expect(await navRoutes(page)).toContain('privacy');
    await page.locator('console-app nav a[data-route="privacy"]', { hasText: '個人情報の削除' }).click();
    const privacy = page.locator('console-privacy-page');
    await privacy.locator('input[name="subject"]').fill('forget.me@example.jp');
    await privacy.locator('[data-action="check"]').click();

    // The dry run: counts in Japanese, nothing deleted yet.
    const preview = privacy.locator('[data-section="preview"]');
    await preview.waitFor();
    expect(await text(preview.locator('h2'))).toContain('forget.me@example.jp');
    expect(await text(preview.locator('tr[data-count="conversations"]'))).toMatch(/^会話\s+1$/u);
    expect(await text(preview.locator('tr[data-count="escalations"]'))).toMatch(/^エスカレーション\s+1$/u);
    const messages = Number(await text(preview.locator('tr[data-count="messages"] td')));
    expect(messages).toBeGreaterThanOrEqual(6);
    expect(Number(await text(preview.locator('tr[data-count="outbox"] td')))).toBeGreaterThan(0);
    const admin = await signIn(app.fastify, 'admin@shop.test');
    const before = await admin.call('GET', '/escalations');
    expect(before.body.escalations.map((e: { email: string }) => e.email)).toContain('forget.me@example.jp');

    // Confirm: the button repeats the address and is the red one.
    const confirm = preview.locator('[data-action="confirm"]');
    expect(await text(confirm)).toContain('forget.me@example.jp');
    expect(await confirm.getAttribute('class')).toContain('danger');
    await confirm.click();
    const deleted = privacy.locator('[data-section="deleted"]');
    await deleted.locator('[role="status"]', { hasText: 'forget.me@example.jp' }).waitFor();
    expect(await text(deleted.locator('tr[data-count="messages"] td'))).toBe(String(messages));
    expect(await preview.count()).toBe(0);

    // The escalation list no longer has it; the other shopper's is still there.
    await go(page, 'escalations');
    const list = page.locator('console-escalations-page');
    await list.locator('tr[data-escalation]', { hasText: 'keep.me@example.jp' }).waitFor();
    expect(await list.locator('tr[data-escalation]', { hasText: 'forget.me@example.jp' }).count()).toBe(0);

    // Checking again finds nothing to delete, and offers no button.
    await go(page, 'privacy');
    await privacy.locator('input[name="subject"]').fill('forget.me@example.jp');
    await privacy.locator('[data-action="check"]').click();
    await preview.locator('[data-empty]').waitFor();
    expect(await preview.locator('[data-action="confirm"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test.each([
    { device: 'desktop', options: DESKTOP, user: 'U00000000000000000000000000de5c01' },
    { device: 'phone', options: PHONE, user: 'U00000000000000000000000000de5c02' },
  ])(
    'on a $device, an admin deletes a LINE user by LINE user id, LINE rows counted',
    async ({ device, options, user }) => {
      const db = () => app.fastify.storage.database();
      const at = new Date();
      await new LineInboxStore(db, app.fastify.storage.dialect).storeEvents(
        [
          {
            webhookEventId: `e2e-${user}`,
            lineUserId: user,
            type: 'follow',
            event: { type: 'follow' },
            replyToken: null,
            eventAt: at,
          },
        ],
        at,
      );
      const conversation = await app.fastify.storage.createConversation({
        id: crypto.randomUUID(),
        tokenHash: crypto.randomUUID(),
        locale: 'ja',
        channel: 'line',
        createdAt: at,
      });
      const users = new LineUserStore(db);
      await users.bindConversation(user, conversation.id, at);
      await users.link(user, { customerId: 'demo-hanako' }, at);

      const { page, errors } = await signInConsole(browser, app, 'admin@shop.test', options);
      await go(page, 'privacy');
      const privacy = page.locator('console-privacy-page');
      await privacy.locator('input[type="radio"][value="lineUserId"]').check();
      expect(await text(privacy.locator('form'))).toContain('LINEユーザーID');
      await privacy.locator('input[name="subject"]').fill(user);
      await privacy.locator('[data-action="check"]').click();
      const preview = privacy.locator('[data-section="preview"]');
      await preview.waitFor();
      expect(await text(preview.locator('tr[data-count="lineUsers"]'))).toMatch(
        /^LINEユーザー（アカウント連携を含む）\s+1$/u,
      );
      expect(await text(preview.locator('tr[data-count="lineEvents"]'))).toMatch(/^LINEのイベント\s+1$/u);
      expect(await text(preview.locator('tr[data-count="conversations"]'))).toMatch(/^会話\s+1$/u);
      await page.screenshot({ path: `/tmp/i20-console-privacy-line-${device}.png`, fullPage: true });
      await preview.locator('[data-action="confirm"]').click();
      await privacy.locator('[data-section="deleted"] [role="status"]', { hasText: user }).waitFor();
      expect(await users.find(user)).toBeUndefined();
      expect(await app.fastify.storage.getConversation(conversation.id)).toBeUndefined();
      expect(errors).toEqual([]);
    },
  );

  test("the API's message shows when it refuses the subject", async () => {
    const { page, errors } = await signInConsole(browser, app, 'admin@shop.test');
    await go(page, 'privacy');
    const privacy = page.locator('console-privacy-page');
    // The browser takes an address without a dot in the domain; the server's schema does not.
    await privacy.locator('input[name="subject"]').fill('someone@localhost');
    await privacy.locator('[data-action="check"]').click();
    const alert = privacy.locator('[role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('FST_ERR_VALIDATION');
    expect(await text(alert)).toContain('email');
    expect(await privacy.locator('[data-section="preview"]').count()).toBe(0);
    // Chromium logs the 400 response itself; nothing else went wrong.
    expect(errors.filter((e) => !e.includes('400'))).toEqual([]);
  });

  test.each([
    { role: 'editor', email: 'editor@shop.test' },
    { role: 'operator', email: 'operator@shop.test' },
  ])('an $role has no privacy page in the navigation', async ({ email }) => {
    const { page } = await signInConsole(browser, app, email);
    expect(await navRoutes(page)).not.toContain('privacy');
    expect(await page.locator('console-app nav', { hasText: '個人情報の削除' }).count()).toBe(0);
  });
});
