/**
 * A verified demo customer's handoff as staff read it in the console (real Chromium): the escalation
 * page names the customer and lists their subscription as it was at handoff.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, signInConsole } from '../helpers/console-browser.ts';
import { createStaff } from '../helpers/console-client.ts';
import { SCRATCH_SCREENSHOT_DIR } from '../helpers/screenshot-files.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;
let escalationId: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await createStaff(app.fastify, 'operator');
  // The demo page's sign-in, as a shop's server would sign the token.
  const signIn = await fetch(`${app.url}/demo-shop/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ customerId: 'demo-hanako' }),
  });
  const { token } = (await signIn.json()) as { token: string };
  const chat = await ChatClient.connect(app.url);
  chat.send({ type: 'hello', locale: 'ja', shopper: token });
  const welcome = await chat.next('welcome');
  chat.send({ type: 'message', text: '人と話したい', seq: 1 });
  await chat.next('reply');
  chat.send({ type: 'message', text: 'スキップ', seq: 2, intent: 'handoff.skip' });
  await chat.next('reply');
  chat.close();
  const escalation = (await app.fastify.storage.listEscalations()).find(
    (e) => e.conversationId === String(welcome.conversationId),
  );
  escalationId = escalation!.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

test('the escalation page shows the customer id and the subscription as it was at handoff', async () => {
  const { page, errors } = await signInConsole(browser, app, 'operator@shop.test');
  await go(page, `escalations/${escalationId}`);
  const customer = page.locator('console-escalation-detail [data-field="customer"]');
  await customer.waitFor();
  expect(await text(customer)).toBe('demo-hanako');
  const subscription = page.locator(
    'console-escalation-detail [data-field="subscriptions"] [data-subscription-id="demo-sub-hanako-aojiru"]',
  );
  expect(await text(subscription)).toMatch(
    /^国産大麦若葉の青汁 30包 × 1 · 1ヶ月ごと · 次回 \d{4}-\d{2}-\d{2} · お届け中$/u,
  );
  await page.screenshot({ path: path.join(SCRATCH_SCREENSHOT_DIR, 'console-escalation-subscriptions.png') });
  expect(errors).toEqual([]);
});
