/**
 * Real Chromium for the widget's browser tests: Debian's /usr/bin/chromium (installed by .ci/run) driven
 * by playwright-core, one browser per test file. Plus small helpers to reach into the widget's shadow
 * DOM (Playwright's CSS locators pierce open shadow roots), the devices the tests use, and the app and
 * browser a test file shares.
 */
import { type Browser, type BrowserContextOptions, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { startTestApp, type TestApp } from './test-app.ts';

/** The Chromium binary (override with CHROMIUM_PATH). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with everything that phones home switched off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects uncaught page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

/** Opens the chat window with the launcher and waits until the widget is online. */
export async function openWidget(page: Page): Promise<void> {
  await page.locator('shop-chat-launcher button').click();
  await page.locator('shop-chat .status[data-state="online"]').waitFor();
}

/** Types a message into the widget and sends it with Enter. */
export async function ask(page: Page, text: string): Promise<void> {
  const textarea = page.locator('shop-chat-input textarea');
  await textarea.fill(text);
  await textarea.press('Enter');
}

/** The bot's messages in the widget (their rendered rows: `innerText` of a shadow host is empty). */
export function botMessages(page: Page) {
  return page.locator('shop-chat-message[data-role="bot"] .row');
}

/** The shopper's messages in the widget. */
export function shopperMessages(page: Page) {
  return page.locator('shop-chat-message[data-role="shopper"] .row');
}

/** The text a locator's element renders (Playwright's `innerText`: what the shopper sees). */
export function text(locator: Locator): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's Locator.innerText, not the DOM property.
  return locator.innerText();
}

/** A phone (390×844 CSS px at 2×, touch): the open chat window covers the screen there. */
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

/** A desktop (1280×800). */
export const DESKTOP = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;

/** The running app and Chromium of one test file (set once `beforeAll` has run). */
export interface AppAndBrowser {
  readonly app: TestApp;
  readonly browser: Browser;
}

/**
 * Starts the test app (with `options`) and Chromium before the file's tests and closes both after them.
 * Read `app` and `browser` inside tests and hooks, not at the top of the file.
 */
export function useAppAndBrowser(options?: Parameters<typeof startTestApp>[0]): AppAndBrowser {
  let app: TestApp | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(options), launchChromium()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  return {
    get app() {
      if (!app) throw new Error('the test app is not started yet (read it inside a test)');
      return app;
    },
    get browser() {
      if (!browser) throw new Error('Chromium is not launched yet (read it inside a test)');
      return browser;
    },
  };
}

/**
 * A fresh context (own storage) and page of a Japanese shopper in Tokyo, closed after the test; `options`
 * add a device or override the language.
 */
export async function shopperPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', ...options });
  onTestFinished(() => context.close());
  return context.newPage();
}

/**
 * A blank Chromium page with one module of ours bundled into it (esbuild, as the widget and console
 * bundles are built) and its exports on `window.<global>`, to test DOM code in a real browser without the
 * server. It lives as long as the browser (it may be opened in `beforeAll`).
 */
export async function pageWithModule(browser: Browser, entry: string, global: string): Promise<Page> {
  const { build } = await import('esbuild');
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: global,
    target: ['es2022'],
    tsconfig: new URL('../../tsconfig.json', import.meta.url).pathname,
  });
  const page = await browser.newPage({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  await page.setContent('<!doctype html><html lang="ja"><body></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  return page;
}
