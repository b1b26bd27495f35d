/**
 * Real Chromium for the widget's browser tests: Debian's /usr/bin/chromium (installed by .ci/run) driven
 * by playwright-core, one browser per test file. Plus small helpers to reach into the widget's shadow
 * DOM (Playwright's CSS locators pierce open shadow roots).
 */
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

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
