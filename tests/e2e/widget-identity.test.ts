/**
 * Verified identity in real Chromium (phone and desktop): the page hands the widget a shop-signed
 * shopper token with setShopperToken(); the widget sends it on the open connection, the header says
 * 「ログイン中」, a handoff confirms the shopper's address instead of asking; another customer signing in
 * on the same page clears the first one's transcript.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  ask,
  botMessages,
  DESKTOP,
  openWidget,
  PHONE,
  shopperMessages,
  shopperPage,
  text,
  useAppAndBrowser,
  watchErrors,
} from '../helpers/browser.ts';
import { signShopperToken, TEST_SHOPPER_SECRET } from '../helpers/shopper-tokens.ts';

const env = useAppAndBrowser({ env: { SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET } });

function setShopperToken(page: Page, token: string | null): Promise<void> {
  return page.evaluate((t) => {
    (
      document.querySelector('shop-chat') as HTMLElement & { setShopperToken(t: string | null): void }
    ).setShopperToken(t);
  }, token);
}

describe.each([
  { device: 'phone', options: PHONE },
  { device: 'desktop', options: DESKTOP },
] satisfies { device: string; options: BrowserContextOptions }[])(
  'shopper token on the $device',
  ({ device, options }) => {
    test('signing in on the open chat: 「ログイン中」, the address confirmed, another customer sees nothing', async () => {
      const page = await shopperPage(env.browser, options);
      const errors = watchErrors(page);
      await page.goto(`${env.app.url}/`);
      await openWidget(page);
      const status = page.locator('shop-chat .status');
      expect(await text(status)).not.toContain('ログイン中');

      await setShopperToken(
        page,
        await signShopperToken('demo-e2e-a', { claims: { email: 'hanako@example.jp' } }),
      );
      await page.locator('shop-chat .status', { hasText: 'ログイン中' }).waitFor();
      await ask(page, '人と話したい');
      await botMessages(page).first().waitFor();
      expect(await text(botMessages(page).first())).toContain('hanako@example.jp');
      await page.screenshot({ path: `/tmp/i19-identity-${device}-signed-in.png` });

      await setShopperToken(page, await signShopperToken('demo-e2e-b'));
      // The server started a fresh conversation for B: A's transcript leaves the screen.
      await botMessages(page).first().waitFor({ state: 'detached' });
      expect(await shopperMessages(page).count()).toBe(0);
      expect(await botMessages(page).count()).toBe(0);
      await page.screenshot({ path: `/tmp/i19-identity-${device}-other-customer.png` });
      expect(errors).toEqual([]);
    });
  },
);
