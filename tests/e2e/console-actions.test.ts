/**
 * The console's "Bot actions" page in real Chromium, desktop and phone: an operator sees who asked for
 * what, when, and the result (a refused change with its code), with no page errors. Screenshots go to
 * the temp directory for a look.
 */

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, PHONE, text } from '../helpers/browser.ts';
import { conversationAt } from '../helpers/chat-rows.ts';
import { go, signInConsole } from '../helpers/console-browser.ts';
import { createStaff } from '../helpers/console-client.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await createStaff(app.fastify, 'operator');
  const conversationId = await conversationAt(app.fastify, new Date('2026-12-01T00:00:00Z'));
  const base = {
    conversationId,
    subscriptionId: 'sub-a1',
    createdAt: new Date('2026-12-01T01:00:00Z'),
  };
  await app.fastify.storage.recordBotAction({
    ...base,
    id: randomUUID(),
    actionId: 'm-1',
    customerId: 'demo-hanako',
    kind: 'interval',
    change: { kind: 'interval', interval: { unit: 'month', count: 2 } },
    result: 'done',
    code: null,
  });
  await app.fastify.storage.recordBotAction({
    ...base,
    id: randomUUID(),
    actionId: 'm-2',
    customerId: 'demo-taro',
    kind: 'skip',
    change: { kind: 'skip' },
    result: 'failed',
    code: 'ACTION_ERR_NOT_OWN',
    createdAt: new Date('2026-12-01T02:00:00Z'),
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('console bot actions page', () => {
  test.each([
    { name: 'desktop', options: {} },
    { name: 'phone', options: PHONE },
  ])('an operator reads who, what, when and the result ($name)', async ({ name, options }) => {
    const { page, errors } = await signInConsole(browser, app, 'operator@shop.test', options);
    await go(page, 'actions');
    const rows = page.locator('console-actions-page tr[data-action]');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    const first = await text(rows.nth(0));
    expect(first).toContain('demo-taro');
    expect(first).toContain('次回スキップ');
    expect(first).toContain('未完了');
    expect(first).toContain('ACTION_ERR_NOT_OWN');
    const second = await text(rows.nth(1));
    expect(second).toContain('demo-hanako');
    expect(second).toContain('周期の変更 (2ヶ月ごと)');
    expect(second).toContain('完了');
    await page.screenshot({ path: path.join(os.tmpdir(), `console-actions-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
});
