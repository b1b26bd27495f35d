/**
 * The staff console in real Chromium: a fresh context (Japanese unless told), signed in through the
 * console's own sign-in page, with page errors and dialogs collected so a test can assert there were none.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { onTestFinished } from 'vitest';
import { TEST_PASSWORD } from './console-client.ts';
import type { TestApp } from './test-app.ts';

/** A console page and what went wrong on it. */
export interface ConsolePage {
  page: Page;
  /** Uncaught errors and console errors (CSP violations show up here). */
  errors: string[];
  /** Messages of dialogs (alert, confirm) that something opened. */
  dialogs: string[];
}

/** Opens the console's sign-in page. */
export async function openConsole(
  browser: Browser,
  app: TestApp,
  options: BrowserContextOptions = {},
): Promise<ConsolePage> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${app.url}/console/`);
  return { page, errors, dialogs };
}

/** Signs in with the sign-in form and waits for the navigation. */
export async function signInConsole(
  browser: Browser,
  app: TestApp,
  email: string,
  options: BrowserContextOptions = {},
): Promise<ConsolePage> {
  const opened = await openConsole(browser, app, options);
  const { page } = opened;
  await page.locator('console-sign-in input[name="email"]').fill(email);
  await page.locator('console-sign-in input[name="password"]').fill(TEST_PASSWORD);
  await page.locator('console-sign-in button[type="submit"]').click();
  await page.locator('console-app nav').waitFor();
  // Before signing in, `GET /me` answered 401 (that is how the console knows to show the form), and
  // Chromium logs every 4xx resource as a console error: only what happens after sign-in counts.
  opened.errors.splice(0);
  return opened;
}

/** Goes to a console route (`intents/ja/shipping.fee`). */
export async function go(page: Page, route: string): Promise<void> {
  await page.evaluate((hash) => {
    window.location.hash = hash;
  }, `#/${route}`);
}

/** The routes the navigation offers, in order. */
export function navRoutes(page: Page): Promise<string[]> {
  return page
    .locator('console-app nav a[data-route]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('data-route') ?? ''));
}
