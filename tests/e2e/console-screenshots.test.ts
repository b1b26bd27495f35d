/**
 * Screenshots of every console page for the README (docs/screenshots/console-<page>.png), with realistic
 * Japanese data made the real way: two weeks of chats over the WebSocket on a moved clock (answers,
 * unanswered questions, ratings, handoffs), staff with Japanese names, two trained model versions. The
 * server and the browser share a fixed clock so the dates in the pictures stay the same; a committed file
 * is rewritten only with UPDATE_SCREENSHOTS=1 and when its picture changes. Also: at 1024 px wide no page scrolls sideways.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { hashPassword } from '../../server/console/password.ts';
import { launchChromium, text } from '../helpers/browser.ts';
import { go } from '../helpers/console-browser.ts';
import { type ConsoleClient, signIn, TEST_PASSWORD } from '../helpers/console-client.ts';
import { completeHandoff } from '../helpers/handoff.ts';
import { countDifferentPixels } from '../helpers/png.ts';
import { keepScreenshot } from '../helpers/screenshot-files.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

const SCREENSHOT_DIR = path.resolve('docs/screenshots');
/** Friday 20 November 2026, 15:30 in Tokyo. */
const FIXED_NOW = new Date('2026-11-20T06:30:00Z');
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Share of pixels that may differ between two renderings of the same page (anti-aliasing noise). */
const NOISE_SHARE = 0.0005;

/** Shoppers' questions, answered and not (the small test corpus knows the first five). */
const QUESTIONS = [
  '送料はいくらですか',
  '定期便の周期を変えたい',
  '送料無料になる条件は？',
  'お届け間隔を変更したい',
  'こんにちは',
  'ポイントは使えますか',
  'ギフト包装はできますか',
  '領収書を発行してほしい',
  'ポイント使えますか？',
];
/** Hours of day (Tokyo) the chats happen at: busiest at lunch and late at night. */
const HOURS = [9, 12, 12, 13, 20, 21, 22, 23, 23, 1];
/** Handoffs: who and why. */
const HANDOFFS = [
  { email: 'hanako.yamada@example.jp', summary: '定期便の請求額が先月と違うので確認したい' },
  { email: 'k.ito@example.jp', summary: '届いた商品の箱が潰れていました' },
  { email: 'misaki.t@example.ne.jp', summary: '来月の発送だけ住所を実家に変えたい' },
  { email: 'ryo.nakamura@example.com', summary: 'ギフト用に別の住所へ送りたい' },
];

let app: TestApp;
let browser: Browser;
let now = FIXED_NOW;
let editor: ConsoleClient;
let operator: ConsoleClient;

async function createStaffNamed(email: string, name: string, role: 'admin' | 'editor' | 'operator') {
  await app.fastify.staff.createUser({
    email,
    name,
    role,
    passwordHash: await hashPassword(TEST_PASSWORD),
    now: FIXED_NOW,
  });
}

/** One shopper conversation at `at`: questions (rating the answers), and a handoff if given. */
async function converse(at: Date, questions: string[], handoff?: (typeof HANDOFFS)[number], rate = true) {
  now = at;
  const chat = await ChatClient.connect(app.url);
  chat.send({ type: 'hello' });
  await chat.next('welcome');
  let seq = 1;
  for (const question of questions) {
    chat.send({ type: 'message', text: question, seq: seq++ });
    await chat.next('ack');
    const reply = await chat.next('reply');
    if (rate && reply.decision === 'answer') {
      chat.send({
        type: 'feedback',
        messageId: reply.messageId,
        value: seq % 3 === 0 ? 'not-helpful' : 'helpful',
      });
      await chat.next('feedback-ack');
    }
  }
  if (handoff) await completeHandoff(chat, { seq, email: handoff.email, summary: handoff.summary });
  chat.close();
}

/** Trains the stored corpus and waits for the version; returns its id. */
async function train(): Promise<string> {
  const started = await editor.call('POST', '/models/train');
  expect(started.status).toBe(202);
  await app.fastify.training.settled(started.body.id);
  return started.body.id;
}

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp({ now: () => now }), launchChromium()]);
  await createStaffNamed('misaki.sato@shop.test', '佐藤 美咲', 'admin');
  await createStaffNamed('ken.tanaka@shop.test', '田中 健', 'editor');
  await createStaffNamed('hanako.suzuki@shop.test', '鈴木 花子', 'operator');
  await createStaffNamed('taro.kobayashi@shop.test', '小林 太郎', 'operator');

  // Two weeks of chats, a few a day at realistic hours.
  let n = 0;
  for (let day = 13; day >= 0; day--) {
    const count = 2 + ((day * 7) % 4);
    for (let k = 0; k < count; k++, n++) {
      const hour = HOURS[(day + k * 3) % HOURS.length]!;
      const at = new Date(FIXED_NOW.getTime() - day * DAY_MS - ((15 - hour + 24) % 24) * HOUR_MS);
      const questions = [QUESTIONS[n % QUESTIONS.length]!, QUESTIONS[(n * 5 + 2) % QUESTIONS.length]!];
      await converse(at, questions, n % 9 === 4 ? HANDOFFS[(n / 9) | (0 % HANDOFFS.length)] : undefined);
    }
  }
  now = FIXED_NOW;

  editor = await signIn(app.fastify, 'ken.tanaka@shop.test');
  operator = await signIn(app.fastify, 'hanako.suzuki@shop.test');
  // v1 published; then the editor adds tests and utterances and trains v2 (not yet published).
  const v1 = await train();
  expect((await editor.call('POST', `/models/${v1}/publish`, {})).status).toBe(200);
  const stored = await editor.call('GET', '/intents/ja/shipping.fee');
  await editor.call('PUT', '/intents/ja/shipping.fee', {
    domain: stored.body.domain,
    intent: {
      ...stored.body.intent,
      utterances: [...stored.body.intent.utterances, '配送料金はおいくらですか', '送料って無料ですか'],
      tests: ['送料っていくらですか', '配送料を教えてください'],
      answer: [
        '送料は全国一律 **{{shippingFee}}** です。',
        '',
        '- {{freeShippingThreshold}}以上のご注文で**送料無料**',
        '- 代金引換の手数料は {{codFee}} です',
        '',
        '詳しくは[ご利用ガイド](https://shop.example/guide)をご覧ください。',
      ].join('\n'),
    },
  });
  await train();

  const escalations = await operator.call('GET', '/escalations');
  const first = escalations.body.escalations.at(-1);
  await operator.call('POST', `/escalations/${first.id}/notes`, {
    text: '請求履歴を確認しました。差額は送料の改定によるもの。',
  });
  // A reply in the chat (a staff line of the transcript) and one by mail (the outbox).
  await operator.call('POST', `/escalations/${first.id}/reply`, {
    via: 'chat',
    text: 'お問い合わせありがとうございます。担当の佐藤です。請求額について、詳しくはメールでご案内します。',
  });
  await operator.call('POST', `/escalations/${first.id}/reply`, {
    via: 'mail',
    text: 'お問い合わせありがとうございます。先月から送料が改定されたため、請求額が変わっております。',
  });
  const second = escalations.body.escalations.at(-2);
  if (second) await operator.call('POST', `/escalations/${second.id}/resolve`);
  await fs.mkdir(SCREENSHOT_DIR, { recursive: true });
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Keeps a full-page PNG (the committed file only with UPDATE_SCREENSHOTS=1, and only when it changed). */
async function save(page: Page, name: string, fullPage = true): Promise<void> {
  await page.mouse.move(0, 0);
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage });
  const file = path.join(SCREENSHOT_DIR, `console-${name}.png`);
  const old = await fs.readFile(file).catch(() => undefined);
  const pixels = png.readUInt32BE(16) * png.readUInt32BE(20);
  const same =
    old && old.readUInt32BE(16) === png.readUInt32BE(16) && old.readUInt32BE(20) === png.readUInt32BE(20)
      ? countDifferentPixels(old, png) <= pixels * NOISE_SHARE
      : false;
  await keepScreenshot(file, png, same);
}

/**
 * A signed-in console on the fixed clock. The session comes from the API and its cookie is handed to the
 * browser without an expiry: the server's clock is in the past, so the cookie it sets would already have
 * expired by the browser's real clock (the sign-in form itself is tested in console-flow.test.ts).
 */
async function consoleAs(email: string, width = 1280, height = 860) {
  const session = await signIn(app.fastify, email);
  const [name, value] = session.cookie.split('=') as [string, string];
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width, height },
  });
  onTestFinished(() => context.close());
  await context.addCookies([
    { name, value, domain: '127.0.0.1', path: '/api/console', httpOnly: true, sameSite: 'Strict' },
  ]);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  await page.clock.setFixedTime(FIXED_NOW);
  await page.goto(`${app.url}/console/`);
  await page.locator('console-app nav').waitFor();
  return { page, errors };
}

/** Each page: its route and what shows it is ready. */
const PAGES = [
  { name: 'intents', route: 'intents', ready: 'console-intents-page tr[data-intent="shipping.fee"]' },
  {
    name: 'intent-editor',
    route: 'intents/ja/shipping.fee',
    ready: 'console-intent-editor console-markdown-preview li',
  },
  {
    name: 'models',
    route: 'models',
    ready: 'console-models-page [data-section="evaluation"] tr[data-intent]',
  },
  { name: 'unanswered', route: 'unanswered', ready: 'console-unanswered-page section[data-group]' },
  { name: 'escalations', route: 'escalations', ready: 'console-escalations-page tr[data-escalation]' },
  { name: 'analytics', route: 'analytics', ready: 'console-analytics-page [data-stat="conversations"]' },
  { name: 'outbox', route: 'outbox', ready: 'console-outbox-page tr[data-mail]' },
  { name: 'users', route: 'users', ready: 'console-users-page tr[data-user]' },
] as const;

describe('console screenshots', () => {
  test('sign-in page', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/console/`);
    await page.locator('console-sign-in input[name="email"]').waitFor();
    await save(page, 'sign-in');
    expect(await text(page.locator('console-sign-in h1'))).toBe('ログイン');
    await context.close();
  });

  test.each(PAGES)('$name', async ({ name, route, ready }) => {
    const { page, errors } = await consoleAs('misaki.sato@shop.test');
    await go(page, route);
    await page.locator(ready).first().waitFor();
    // Charts and the lint draw after the data: give them a moment.
    await page.waitForTimeout(name === 'analytics' || name === 'intent-editor' ? 800 : 200);
    await save(page, name);
    expect(errors).toEqual([]);
  });

  test('try a phrase', async () => {
    const { page, errors } = await consoleAs('ken.tanaka@shop.test');
    await go(page, 'try');
    await page.locator('console-try-page input[name="text"]').fill('送料っていくらかかりますか');
    await page.locator('console-try-page button[type="submit"]').click();
    await page.locator('console-try-page [data-field="decision"]').waitFor();
    await save(page, 'try');
    expect(errors).toEqual([]);
  });

  test('privacy: the dry run before deleting a shopper', async () => {
    const { page, errors } = await consoleAs('misaki.sato@shop.test');
    await go(page, 'privacy');
    const privacy = page.locator('console-privacy-page');
    await privacy.locator('input[name="subject"]').fill('k.ito@example.jp');
    await privacy.locator('[data-action="check"]').click();
    await privacy.locator('[data-section="preview"] [data-action="confirm"]').waitFor();
    await save(page, 'privacy');
    expect(await text(privacy.locator('tr[data-count="escalations"] td'))).not.toBe('0');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    expect(errors).toEqual([]);
  });

  test('escalation detail', async () => {
    // A tall viewport instead of a full-page capture: Chromium leaves sandboxed (cross-origin) frames
    // blank in full-page captures.
    const { page, errors } = await consoleAs('hanako.suzuki@shop.test', 1280, 2000);
    await page.locator('console-escalations-page tr[data-escalation]', { hasText: 'hanako.yamada' }).click();
    await page.locator('console-escalation-detail .notes li').waitFor();
    const mail = page.frameLocator('console-escalation-detail console-mail-frame iframe').first();
    await mail.locator('text=定期便の請求額').first().waitFor();
    await page.waitForTimeout(300);
    await save(page, 'escalation-detail', false);
    // The fixed clock is a script Playwright puts into every frame; the mail frames' sandbox blocks it
    // there (which is the point of the sandbox), and Chromium says so on the console.
    expect(errors.filter((e) => !e.includes("Blocked script execution in 'about:srcdoc'"))).toEqual([]);
  });

  test('at 1024 px no page scrolls sideways', async () => {
    const { page } = await consoleAs('misaki.sato@shop.test', 1024);
    const overflowing: string[] = [];
    for (const { route, ready } of PAGES) {
      await go(page, route);
      await page.locator(ready).first().waitFor();
      await page.waitForTimeout(100);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 1024) overflowing.push(`${route}: ${width}px`);
    }
    expect(overflowing).toEqual([]);
  });
});
