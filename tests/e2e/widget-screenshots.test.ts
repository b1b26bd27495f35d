/**
 * Screenshots of the widget for the README (docs/screenshots/): desktop and phone, Japanese and English,
 * light and dark, plus the greeting bubble and the handoff form. The server and the browser run on a fixed
 * clock (23:41 in Tokyo: a phone at midnight) so an unchanged widget gives identical files. The committed
 * files are rewritten only with UPDATE_SCREENSHOTS=1 (tests/helpers/screenshot-files.ts), and changed
 * files are committed with the change that made them.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { loadCorpus } from '../../bot/corpus/load-corpus.ts';
import { ask, botMessages, launchChromium, openWidget, shopperMessages, text } from '../helpers/browser.ts';
import { countDifferentPixels } from '../helpers/png.ts';
import { keepScreenshot } from '../helpers/screenshot-files.ts';
import { smallEngine } from '../helpers/small-corpus.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const SCREENSHOT_DIR = path.resolve('docs/screenshots');
/** 23:41 on a Monday in Tokyo. */
const FIXED_NOW = new Date('2026-11-23T14:41:00Z');

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
} satisfies Record<string, BrowserContextOptions>;

/**
 * Share of pixels that may differ between two renderings of the same widget (anti-aliasing noise, seen up
 * to ~100 pixels of a 1280×800 shot); a real change of the widget changes far more.
 */
const NOISE_SHARE = 0.0003;

const QUESTIONS = { ja: '送料はいくらですか？', en: 'How much is shipping?' } as const;

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  // The shipped corpus's answers and titles (rich Markdown, real quick replies) with the small engine.
  const [engine, corpus] = await Promise.all([smallEngine(), loadCorpus('corpus')]);
  [app, browser] = await Promise.all([
    startTestApp({ prepared: { engine, corpus }, now: () => FIXED_NOW }),
    launchChromium(),
  ]);
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A page on the demo shop; `clock: 'manual'` lets the test advance timers (the greeting's delay). */
async function newPage(
  device: keyof typeof DEVICES,
  locale: 'ja' | 'en',
  scheme: 'light' | 'dark',
  clock: 'fixed' | 'manual' = 'fixed',
) {
  const context = await browser.newContext({
    ...DEVICES[device],
    locale: locale === 'ja' ? 'ja-JP' : 'en-US',
    timezoneId: 'Asia/Tokyo',
    colorScheme: scheme,
  });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  if (clock === 'fixed') await page.clock.setFixedTime(FIXED_NOW);
  else await page.clock.install({ time: FIXED_NOW });
  await page.goto(`${app.url}/${locale === 'en' ? '?lang=en' : ''}`);
  return page;
}

/**
 * Keeps a PNG of the viewport (keepScreenshot: the committed file only with UPDATE_SCREENSHOTS=1 and
 * when its picture changed beyond NOISE_SHARE of the pixels); returns the image's size.
 */
async function save(page: Page, name: string): Promise<{ width: number; height: number }> {
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const old = await fs.readFile(file).catch(() => undefined);
  // PNG IHDR: width and height are big-endian at bytes 16 and 20.
  const size = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  const noise = size.width * size.height * NOISE_SHARE;
  await keepScreenshot(file, png, old !== undefined && countDifferentPixels(old, png) <= noise);
  return size;
}

describe('widget screenshots', () => {
  test.each([
    { device: 'desktop', locale: 'ja', scheme: 'light' },
    { device: 'desktop', locale: 'ja', scheme: 'dark' },
    { device: 'desktop', locale: 'en', scheme: 'light' },
    { device: 'desktop', locale: 'en', scheme: 'dark' },
    { device: 'phone', locale: 'ja', scheme: 'light' },
    { device: 'phone', locale: 'ja', scheme: 'dark' },
    { device: 'phone', locale: 'en', scheme: 'light' },
    { device: 'phone', locale: 'en', scheme: 'dark' },
  ] as const)(
    '$device, $locale, $scheme: an answer with feedback and quick replies',
    async ({ device, locale, scheme }) => {
      const page = await newPage(device, locale, scheme);
      await openWidget(page);
      await ask(page, QUESTIONS[locale]);
      const answer = botMessages(page).first();
      await answer.waitFor();
      await answer.locator('button.rate').first().click();
      await answer.locator('.thanks').waitFor();
      const size = await save(page, `widget-${device}-${locale}-${scheme}`);
      const { width, height } = DEVICES[device].viewport;
      const scale = DEVICES[device].deviceScaleFactor;
      expect(size).toEqual({ width: width * scale, height: height * scale });
    },
  );

  test('phone, ja, light: the proactive greeting over the shop page', async () => {
    const page = await newPage('phone', 'ja', 'light', 'manual');
    await page.locator('shop-chat-launcher button').waitFor();
    await page.clock.runFor(4500);
    const greeting = page.locator('shop-chat [part="greeting"]');
    await greeting.waitFor();
    expect(await save(page, 'widget-phone-ja-greeting')).toEqual({ width: 780, height: 1688 });
  });

  test('desktop, ja, light: the handoff email form', async () => {
    const page = await newPage('desktop', 'ja', 'light');
    await openWidget(page);
    await ask(page, 'スタッフに相談したい');
    await page.locator('shop-chat-email-form form').waitFor();
    await page.locator('shop-chat-email-form input').fill('taro@example');
    await page.locator('shop-chat-email-form button').click();
    await page.locator('shop-chat-email-form [role="alert"]:not(:empty)').waitFor();
    expect(await shopperMessages(page).count()).toBe(1);
    expect(await save(page, 'widget-desktop-ja-handoff')).toEqual({ width: 1280, height: 800 });
  });

  test('phone, ja, light: a handoff completed at night shows when the shop opens (the real dialogue)', async () => {
    const page = await newPage('phone', 'ja', 'light');
    await openWidget(page);
    await ask(page, 'スタッフに相談したい');
    const form = page.locator('shop-chat-email-form form');
    await form.waitFor();
    await form.getByLabel('メールアドレス').fill('hanako@example.jp');
    await form.getByRole('button', { name: 'アドレスを送信' }).click();
    // Summary step: the form gives way to the message box, with Skip and Cancel buttons.
    const skip = page.locator('[part="quick-reply"]', { hasText: 'スキップ' });
    await skip.waitFor();
    expect(await page.locator('shop-chat-email-form').count()).toBe(0);
    await skip.click();
    const banner = page.locator('shop-chat [part="banner"]');
    await banner.waitFor();
    // 23:41 on a holiday Monday: staff are back on Tuesday at 10:00 (shop.yaml's calendar).
    expect(await text(banner)).toBe('ただいま営業時間外です。スタッフは11月24日(火) 10:00から対応します。');
    const done = botMessages(page).last();
    expect(await text(done)).toContain('hanako@example.jp');
    expect(await text(done)).toMatch(/受付番号: [0-9A-F]{8}/u);
    // The reference comes from the (random) conversation id: the picture shows a fixed one, so the
    // committed file changes only when the widget does.
    await done.locator('.markdown').evaluate((markdown) => {
      const walker = document.createTreeWalker(markdown, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        node.textContent = (node.textContent ?? '').replace(/受付番号: [0-9A-F]{8}/u, '受付番号: A1B2C3D4');
      }
    });
    expect(await save(page, 'widget-phone-ja-handoff-closed')).toEqual({ width: 780, height: 1688 });
    // The facts come back with the history: the banner survives a reload, the form does not return.
    await page.reload();
    await banner.waitFor();
    expect(await page.locator('shop-chat-email-form').count()).toBe(0);
  });
});
