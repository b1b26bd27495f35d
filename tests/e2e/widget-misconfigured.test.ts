/**
 * A shop page whose origin is missing from ALLOWED_ORIGINS, in real Chromium on a phone (390×844): the
 * browser only sees the handshake fail, so the widget asks `GET /chat/access` and says the chat is
 * unavailable and how to reach the shop, instead of "offline, we will send it once connected" and a
 * reconnect every few seconds.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;
let shop: http.Server;
let shopUrl: string;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    startTestApp({ env: { ALLOWED_ORIGINS: 'https://shop.example' } }),
    launchChromium(),
  ]);
  // The shop's real page lives on another origin (another port) that the operator forgot to list.
  const page = `<!doctype html><html lang="ja"><body><h1>Shop</h1>
    <script src="${app.url}/widget.js" defer></script></body></html>`;
  shop = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
  shopUrl = `http://127.0.0.1:${(shop.address() as AddressInfo).port}/products/1`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (shop ? shop.close(() => resolve()) : resolve()));
  await app?.close();
});

describe('widget on a page of an origin the server refuses', () => {
  test('says the chat is unavailable with the shop contact, and stops retrying', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'ja-JP',
    });
    onTestFinished(() => context.close());
    const page = await context.newPage();
    let handshakes = 0;
    page.on('websocket', () => {
      handshakes += 1;
    });
    await page.clock.install();
    await page.goto(shopUrl);
    await page.locator('shop-chat-launcher button').tap();
    const banner = page.locator('shop-chat [part="banner"]');
    await banner.filter({ hasText: 'ご利用いただけません' }).waitFor();
    expect(await text(banner)).toBe(
      'ただいまチャットをご利用いただけません。お手数ですが、メール（support@shop.example）またはお電話（0120-000-000、平日10:00〜18:00（12:00〜13:00は休憩。土日祝・年末年始・お盆を除く））でお問い合わせください。',
    );
    expect(await text(page.locator('shop-chat .status'))).toContain('ご利用いただけません');
    // Nothing to type into that could never be sent.
    expect(await page.locator('shop-chat-input').count()).toBe(0);
    const seen = handshakes;
    await page.clock.runFor(120_000);
    expect(handshakes).toBe(seen);
    expect(await page.getByText('接続が切れています').count()).toBe(0);
  });
});
