/**
 * Roles in the console, in real Chromium: an editor sees no escalations (no navigation, and the API says
 * 403 even when asked directly), an operator cannot publish (403), and an operator resolves an
 * escalation that a real chat handoff created, reading its transcript and mail on the way.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, navRoutes, signInConsole } from '../helpers/console-browser.ts';
import { createStaff, signIn } from '../helpers/console-client.ts';
import { completeHandoff } from '../helpers/handoff.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await Promise.all([createStaff(app.fastify, 'editor'), createStaff(app.fastify, 'operator')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Calls the console API from the page, with its session cookie and its CSRF token (from GET /me). */
function callFromPage(page: Page, method: string, path: string, body?: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await fetch('/api/console/me').then((r) => r.json());
      const response = await fetch(`/api/console${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
      });
      return response.status;
    },
    { method, path, body },
  );
}

describe('console roles', () => {
  test('an editor has no escalations: not in the navigation, not by URL, 403 from the API', async () => {
    const { page } = await signInConsole(browser, app, 'editor@shop.test');
    const routes = await navRoutes(page);
    expect(routes).not.toContain('escalations');
    expect(routes).not.toContain('outbox');
    expect(routes).not.toContain('users');
    // Typing the route shows the first allowed page instead.
    await go(page, 'escalations');
    await page.locator('console-intents-page').waitFor();
    expect(await page.locator('console-escalations-page').count()).toBe(0);
    expect(await callFromPage(page, 'GET', '/escalations')).toBe(403);
  });

  test('an operator cannot train or publish: no such page and 403 from the API', async () => {
    const editor = await signIn(app.fastify, 'editor@shop.test');
    const versions = await editor.call('GET', '/models');
    const { page } = await signInConsole(browser, app, 'operator@shop.test');
    expect(await navRoutes(page)).toEqual(['escalations', 'analytics', 'outbox', 'actions']);
    const someVersion = versions.body.versions[0]?.id ?? '00000000-0000-4000-8000-000000000000';
    expect(await callFromPage(page, 'POST', `/models/${someVersion}/publish`, {})).toBe(403);
    expect(await callFromPage(page, 'POST', '/models/train')).toBe(403);
  });

  test('an operator opens an escalation from a real chat handoff, reads it, notes it and resolves it', async () => {
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');
    await completeHandoff(chat, {
      seq: 1,
      email: 'hanako@example.jp',
      summary: '定期便の請求について相談したい',
    });
    chat.close();

    const { page, errors } = await signInConsole(browser, app, 'operator@shop.test');
    const list = page.locator('console-escalations-page');
    const row = list.locator('tr[data-escalation]', { hasText: 'hanako@example.jp' });
    await row.waitFor();
    expect(await text(row)).toContain('お客さまの希望');
    await row.locator('a').click();

    const detail = page.locator('console-escalation-detail');
    await detail.locator('[data-section="transcript"] li').first().waitFor();
    expect(await text(detail.locator('[data-section="transcript"]'))).toContain('人と話したい');
    // The handoff mail, as queued (no SMTP here), inside a sandboxed frame.
    const frame = detail.locator('console-mail-frame iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const mailBody = detail.frameLocator('console-mail-frame iframe').first().locator('body');
    await mailBody.locator('text=人と話したい').first().waitFor();
    expect(await detail.locator('[data-mail-status="pending"]').count()).toBeGreaterThan(0);

    await detail.locator('form[data-form="note"] textarea').fill('請求の確認中。明日折り返し。');
    await detail.locator('form[data-form="note"] button[type="submit"]').click();
    await detail.locator('.notes li', { hasText: '請求の確認中' }).waitFor();

    await detail.locator('[data-action="resolve"]').click();
    await detail.locator('[data-status="resolved"]').waitFor();
    expect(await text(detail.locator('[data-field="resolved"]'))).toContain('operator tester');
    const operator = await signIn(app.fastify, 'operator@shop.test');
    const resolved = await operator.call('GET', '/escalations?status=resolved');
    expect(resolved.body.escalations.map((e: { email: string }) => e.email)).toContain('hanako@example.jp');
    expect(errors).toEqual([]);
  });
});
