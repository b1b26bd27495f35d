/**
 * Shopper journeys: each dialogue flow played end to end in real Chromium as a shopper plays it (typing
 * in the message box, tapping buttons, filling the address form), on a phone (390×844, ja-JP) and on a
 * desktop, at 22:50 in Tokyo with the shop closed. After every step the test checks what a person sees:
 * the newest message is fully in view (a long one at least from its start), the address form shows
 * exactly when the server asked for an address (`reply.handoff.step === 'email'`), and the language has
 * not changed. The last step of each journey is saved to tests/.tmp/journeys/ (not committed) to look at.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from 'vitest';
import { jst } from '../bot/calendar/fixtures.ts';
import { botMessages, launchChromium, text } from '../helpers/browser.ts';
import { FLOW_CORPUS, flowEngine } from '../helpers/flow-corpus.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

/** Where the last step of each journey is saved (git-ignored). */
const SHOT_DIR = path.resolve('tests/.tmp/journeys');
/** A Tuesday, 22:50 in Tokyo: the shop is closed, staff are back at 10:00. */
const NOW = jst('2026-11-24T22:50');

const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
} satisfies Record<string, BrowserContextOptions>;
type Device = keyof typeof DEVICES;

/** A `reply` frame as the page received it (the fields the checks read). */
interface SeenReply {
  decision: string;
  locale: 'ja' | 'en';
  markdown: string;
  handoff?: { step: string; ticket?: string };
}

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([
    flowEngine().then((engine) =>
      startTestApp({ now: () => NOW, prepared: { engine, corpus: FLOW_CORPUS } }),
    ),
    launchChromium(),
  ]);
  await fs.mkdir(SHOT_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** One shopper on one device, with what a person would do and what they should see after each step. */
class Shopper {
  /** Every reply the server sent, in order. */
  readonly replies: SeenReply[] = [];

  constructor(
    readonly page: Page,
    readonly device: Device,
    /** The language the conversation must keep. */
    public language: 'ja' | 'en',
  ) {
    page.on('websocket', (ws) => {
      ws.on('framereceived', ({ payload }) => {
        const frame = JSON.parse(String(payload)) as { type: string } & SeenReply;
        if (frame.type === 'reply') this.replies.push(frame);
      });
    });
  }

  /** Opens the chat from the launcher. */
  async open(): Promise<void> {
    await this.press(this.page.locator('shop-chat-launcher button'));
    await this.page.locator('shop-chat .status[data-state="online"]').waitFor();
  }

  /** Types a message in the box and sends it (the send button on a phone, Enter on a desktop). */
  async say(words: string): Promise<SeenReply> {
    return this.expectReply(async () => {
      const box = this.page.locator('shop-chat-input textarea');
      await this.press(box);
      await box.pressSequentially(words);
      if (this.device === 'phone')
        await this.press(this.page.locator('shop-chat-input [part="send-button"]'));
      else await box.press('Enter');
    });
  }

  /** Presses the button under the newest message with this label. */
  async tap(label: string): Promise<SeenReply> {
    const button = botMessages(this.page).last().locator('[part="quick-reply"]', { hasText: label });
    return this.expectReply(() => this.press(button));
  }

  /** Types the address into the form the server asked for and sends it. */
  async giveEmail(address: string): Promise<SeenReply> {
    const form = this.page.locator('shop-chat-email-form form');
    return this.expectReply(async () => {
      await this.press(form.getByLabel('メールアドレス'));
      await form.getByLabel('メールアドレス').pressSequentially(address);
      await this.press(form.getByRole('button', { name: 'アドレスを送信' }));
    });
  }

  /** Saves the viewport for a person to look at. */
  async snapshot(name: string): Promise<void> {
    await this.page.screenshot({
      path: path.join(SHOT_DIR, `${this.device}-${name}.png`),
      animations: 'disabled',
      caret: 'hide',
    });
  }

  private async press(locator: ReturnType<Page['locator']>): Promise<void> {
    if (this.device === 'phone') await locator.tap();
    else await locator.click();
  }

  /** Does `act`, waits for the server's reply to show, then checks what the shopper sees. */
  private async expectReply(act: () => Promise<void>): Promise<SeenReply> {
    const before = this.replies.length;
    const shown = await botMessages(this.page).count();
    await act();
    await expect.poll(() => this.replies.length, { timeout: 10_000 }).toBeGreaterThan(before);
    await botMessages(this.page).nth(shown).waitFor();
    const reply = this.replies.at(-1)!;
    await this.expectCalm(reply);
    return reply;
  }

  /** What a person sees after a reply: it in full view, the right input, the same language. */
  async expectCalm(reply: SeenReply): Promise<void> {
    await expect.poll(() => newestInView(this.page), { timeout: 5000 }).toBe('in view');
    const asked = reply.handoff?.step === 'email';
    await expect.poll(() => this.page.locator('shop-chat-email-form').count()).toBe(asked ? 1 : 0);
    expect(reply.locale).toBe(this.language);
    await expect.poll(() => this.page.locator('shop-chat .root').getAttribute('lang')).toBe(this.language);
  }
}

/**
 * Whether the newest message (with its buttons) lies inside the visible part of the transcript; one
 * taller than the transcript must show from its start. Says what is wrong otherwise.
 */
function newestInView(page: Page): Promise<string> {
  return page.evaluate(() => {
    const list = document.querySelector('shop-chat')?.shadowRoot?.querySelector('shop-chat-message-list');
    const log = list?.shadowRoot?.querySelector('.log');
    const messages = list?.shadowRoot?.querySelectorAll('shop-chat-message');
    const newest = messages?.[messages.length - 1];
    if (!log || !newest) return 'no message';
    const view = log.getBoundingClientRect();
    const box = newest.getBoundingClientRect();
    const fits = box.height <= view.height;
    const topVisible = box.top >= view.top - 1 && box.top < view.bottom;
    const bottomVisible = box.bottom <= view.bottom + 1;
    if (topVisible && (bottomVisible || !fits)) return 'in view';
    return `out of view: message ${Math.round(box.top)}–${Math.round(box.bottom)}, transcript ${Math.round(view.top)}–${Math.round(view.bottom)}`;
  });
}

async function shopper(device: Device): Promise<Shopper> {
  const context = await browser.newContext({ ...DEVICES[device], locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  onTestFinished(() => context.close());
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  await page.goto(app.url);
  const person = new Shopper(page, device, 'ja');
  await person.open();
  return person;
}

/** The conversation the page holds. */
function conversationId(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('shop-chat')?.conversationId ?? '');
}

/** The escalations recorded for the shopper's conversation. */
async function escalationsOf(person: Shopper) {
  const id = await conversationId(person.page);
  return (await app.fastify.storage.listEscalations()).filter((e) => e.conversationId === id);
}

describe.each(Object.keys(DEVICES) as Device[])('shopper journeys (%s)', (device) => {
  test('asks for a person, asks a question while the address is wanted, leaves, then hands off', async () => {
    const person = await shopper(device);
    expect((await person.say('スタッフに相談したい')).handoff?.step).toBe('email');
    const answered = await person.say('送料はいくら');
    expect(answered.decision).toBe('answer');
    expect(await text(botMessages(person.page).last())).toContain('送料は');
    const left = await person.say('やめる');
    expect(left.handoff).toBeUndefined();
    await person.say('スタッフに相談したい');
    const summary = await person.giveEmail('hanako@example.jp');
    expect(summary.handoff?.step).toBe('summary');
    const done = await person.tap('スキップ');
    expect(done.handoff?.step).toBe('done');
    expect(await text(botMessages(person.page).last())).toContain(`受付番号: ${done.handoff?.ticket}`);
    expect(await escalationsOf(person)).toHaveLength(1);
    await person.snapshot('handoff');
  });

  test('cancellation: a reason, the alternative declined, the order number, then the address', async () => {
    const person = await shopper(device);
    await person.say('定期便を解約したい');
    await person.tap('価格');
    await person.tap('やはり解約する');
    expect((await person.say('12345678')).handoff?.step).toBe('email');
    const done = await person.giveEmail('hanako@example.jp');
    expect(done.handoff?.step).toBe('done');
    expect(await escalationsOf(person)).toHaveLength(1);
    await person.snapshot('cancellation');
  });

  test('shipping date: the prefecture typed in the box', async () => {
    const person = await shopper(device);
    await person.say('いつ届きますか');
    const answer = await person.say('東京都');
    expect(answer.markdown).toContain('東京都へは11月26日(木)お届け予定です');
    await person.snapshot('shipping-date');
  });

  test('sizing: the usual size typed, the foot shape tapped', async () => {
    const person = await shopper(device);
    await person.say('どのサイズを買えばいい');
    await person.say('24.5cm');
    const answer = await person.tap('甲高');
    expect(answer.markdown).toContain('25.0cm');
    await person.snapshot('sizing');
  });

  test('defect: the order number, what is wrong, then the address', async () => {
    const person = await shopper(device);
    await person.say('商品が壊れていた');
    await person.say('20261124');
    expect((await person.tap('破損・汚れがあった')).handoff?.step).toBe('email');
    const done = await person.giveEmail('hanako@example.jp');
    expect(done.handoff?.step).toBe('done');
    expect(await escalationsOf(person)).toHaveLength(1);
    await person.snapshot('defect');
  });

  test('subscription skip without a webhook: the order number, then the address', async () => {
    const person = await shopper(device);
    await person.say('次回をスキップしたい');
    expect((await person.say('12345678')).handoff?.step).toBe('email');
    const done = await person.giveEmail('hanako@example.jp');
    expect(done.handoff?.step).toBe('done');
    expect(await escalationsOf(person)).toHaveLength(1);
    await person.snapshot('subscription-skip');
  });

  test('language: short Latin text keeps Japanese, an English sentence switches the bot and the labels', async () => {
    const person = await shopper(device);
    await person.say('送料はいくら');
    await person.say('OK');
    await person.say('送料はいくら');
    await person.say('<img src=x onerror=alert(1)>');
    person.language = 'en';
    const answer = await person.say('how much is shipping');
    expect(answer.markdown).toContain('Shipping is');
    expect(await text(person.page.locator('shop-chat h2'))).toBe('Support chat');
    expect(await person.page.locator('shop-chat-input textarea').getAttribute('placeholder')).toBe(
      'Type a message',
    );
    await person.snapshot('language');
  });
});
