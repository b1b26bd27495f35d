/**
 * LINE account linking in real Chromium on a phone (as LINE's in-app browser opens the link) and a
 * desktop: the link from the bot's offer opens the demo shop's sign-in, choosing a customer posts the
 * shopper token back to the bot by itself (the page's script runs under its CSP), the bot sends the
 * browser on to LINE's account-link dialog (the stand-in), and the LINE user is linked. A used link
 * shows the bot's error page, in Japanese. Screenshots go to the temp directory.
 */
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DESKTOP, launchChromium, PHONE, text, watchErrors } from '../helpers/browser.ts';
import { type LineAccountLinkSetup, startLineAccountLinkSetup } from '../helpers/line-account-link-setup.ts';
import {
  type LinePlatformStandIn,
  linkUrisOf,
  postWebhook,
  textEvent,
} from '../helpers/line-platform-stand-in.ts';
import type { BuiltTestApp } from '../helpers/test-app.ts';
import { waitFor } from '../helpers/wait-for.ts';

let setup: LineAccountLinkSetup | undefined;
let platform: LinePlatformStandIn;
let app: BuiltTestApp;
let browser: Browser;
let appUrl = '';

beforeAll(async () => {
  [setup, browser] = await Promise.all([startLineAccountLinkSetup(), launchChromium()]);
  ({ platform, app, appUrl } = setup);
});
afterAll(async () => {
  await browser?.close();
  await setup?.close();
});

/** The link the bot offers `user` on 「アカウント連携」. */
async function offeredLink(user: string): Promise<string> {
  const from = platform.delivered(user).length;
  await postWebhook(appUrl, [textEvent(platform, user, 'アカウント連携')]);
  return waitFor(() => platform.delivered(user).slice(from).flatMap(linkUrisOf)[0], 'the link offer');
}

describe.each([
  { device: 'phone', options: PHONE as BrowserContextOptions, user: 'U0000000000000000000000000000b0b1' },
  { device: 'desktop', options: DESKTOP as BrowserContextOptions, user: 'U0000000000000000000000000000b0b2' },
])('account linking on a $device', ({ device, options, user }) => {
  test('the link → the demo sign-in → back to the bot → LINE’s dialog: linked', async () => {
    const link = await offeredLink(user);
    const context = await browser.newContext({ locale: 'ja-JP', ...options });
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(link);
      expect(page.url()).toContain('/demo-shop/line-link?linkToken=');
      expect(await text(page.locator('h1'))).toBe('デモショップにログイン');
      await page.screenshot({
        path: path.join(os.tmpdir(), `i20-line-link-sign-in-${device}.png`),
        fullPage: true,
      });

      await page.locator('button', { hasText: '山田 花子 としてログイン' }).click();
      await page.waitForURL((url) => url.pathname === '/dialog/bot/accountLink');
      expect(await text(page.locator('#result'))).toBe('ok');
      await waitFor(async () => (await app.fastify.lineChannel!.users.find(user))?.linked, 'the user linked');
      expect((await app.fastify.lineChannel!.users.find(user))?.linked?.customerId).toBe('demo-hanako');
      await waitFor(
        () =>
          platform.delivered(user).some((c) => c.texts.some((t) => t.includes('連携が完了しました'))) ||
          undefined,
        'the linked message',
      );

      // The same link again: the bot's own page says it cannot be used, in Japanese.
      await page.goto(link);
      expect(await text(page.locator('h1'))).toBe('LINEアカウント連携');
      expect(await text(page.locator('p').first())).toContain('このリンクは使えません');
      await page.screenshot({
        path: path.join(os.tmpdir(), `i20-line-link-used-${device}.png`),
        fullPage: true,
      });
      // Chromium logs the error page's 400 itself, and on a phone the 404 of an icon it asks every
      // origin for (no page here links one; Playwright does not report that request); nothing else
      // went wrong (a CSP violation would show here).
      expect(errors.filter((e) => !/status of (400|404)/u.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
