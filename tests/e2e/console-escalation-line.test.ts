/**
 * A LINE user's handoff as staff read it in the console (real Chromium): the escalation page says the
 * shopper asked on LINE; a widget shopper's says nothing of a channel.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, signInConsole } from '../helpers/console-browser.ts';
import { createStaff } from '../helpers/console-client.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  postbackEvent,
  postWebhook,
  quickRepliesOf,
  textEvent,
} from '../helpers/line-platform-stand-in.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';
import { waitFor } from '../helpers/wait-for.ts';

let app: TestApp;
let browser: Browser;
let platform: LinePlatformStandIn;
let escalationId: string;
const USER = 'U0000000000000000000000000console';

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
  [app, browser] = await Promise.all([startTestApp({ env: lineEnv(platform) }), launchChromium()]);
  await createStaff(app.fastify, 'operator');
  const answers = (n: number) => waitFor(() => platform.delivered(USER).length >= n, `${n} answers`);
  await postWebhook(app.url, [textEvent(platform, USER, '人と話したい')]);
  await answers(1);
  await postWebhook(app.url, [textEvent(platform, USER, 'line.console@example.com')]);
  await answers(2);
  const skip = quickRepliesOf(platform.delivered(USER)[1]!).find((q) => q.data.includes('handoff.skip'));
  await postWebhook(app.url, [postbackEvent(platform, USER, skip!.data)]);
  await answers(3);
  const escalation = (await app.fastify.storage.listEscalations()).find(
    (e) => e.email === 'line.console@example.com',
  );
  escalationId = escalation!.id;
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await platform?.stop();
});

test('the escalation page of a LINE user names LINE as the channel', async () => {
  const { page, errors } = await signInConsole(browser, app, 'operator@shop.test');
  await go(page, `escalations/${escalationId}`);
  const channel = page.locator('console-escalation-detail [data-field="channel"]');
  await channel.waitFor();
  expect(await text(channel)).toBe('LINE（公式アカウント）');
  expect(errors).toEqual([]);
});
