/**
 * The demo page's "sign in as a demo customer" control in real Chromium, on a phone and a desktop: it
 * lists the demo customers, signs in (handing the token to the widget when the widget can take it), and
 * the demo My Page then shows that customer's subscriptions. Screenshots go to the temp directory.
 */
import os from 'node:os';
import path from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DESKTOP, PHONE, shopperPage, text, useAppAndBrowser, watchErrors } from '../helpers/browser.ts';

const env = useAppAndBrowser();

describe.each([
  { name: 'phone', device: PHONE as BrowserContextOptions },
  { name: 'desktop', device: DESKTOP as BrowserContextOptions },
])('demo sign-in on a $name', ({ name, device }) => {
  test('signs in as demo-taro and shows his two subscriptions on the demo My Page', async () => {
    const page = await shopperPage(env.browser, device);
    const errors = watchErrors(page);
    // What the widget received, whether or not it has setShopperToken yet (added by the identity work).
    await page.addInitScript(() => {
      customElements.whenDefined('shop-chat').then(() => {
        const proto = customElements.get('shop-chat')!.prototype as { setShopperToken?: (t: string) => void };
        const original = proto.setShopperToken;
        proto.setShopperToken = function (this: unknown, token: string) {
          (window as unknown as { handedToken: string }).handedToken = token;
          original?.call(this, token);
        };
      });
    });
    await page.goto(`${env.app.url}/`);
    const panel = page.locator('#demo-signin');
    await panel.waitFor({ state: 'visible' });
    expect(await page.locator('#demo-customer option').allTextContents()).toEqual([
      '山田 花子 (demo-hanako)',
      '佐藤 太郎 (demo-taro)',
      '鈴木 由紀 (demo-yuki)',
    ]);
    await page.locator('#demo-customer').selectOption('demo-taro');
    await page.locator('#demo-sign-in').click();
    await expect.poll(() => text(page.locator('#demo-status'))).toBe('demo-taro としてサインインしました。');
    const handed = await page.evaluate(() => (window as unknown as { handedToken?: string }).handedToken);
    expect(JSON.parse(Buffer.from(handed!.split('.')[1]!, 'base64url').toString()).sub).toBe('demo-taro');
    await panel.screenshot({ path: path.join(os.tmpdir(), `i19-demo-sign-in-${name}.png`) });

    await page.locator('#demo-my-page').click();
    await page.locator('h1').waitFor();
    expect(await text(page.locator('h1'))).toBe('佐藤 太郎 様のマイページ');
    expect(await page.locator('[data-subscription-id]').count()).toBe(2);
    await page.screenshot({ path: path.join(os.tmpdir(), `i19-demo-my-page-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
});
