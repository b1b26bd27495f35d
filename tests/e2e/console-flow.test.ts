/**
 * The staff console in real Chromium against the real app (corpus seeded in the database from the test
 * corpus, the small engine): sign in, add an utterance and a new answer and save, try a phrase, train,
 * read the comparison, publish — and a chat that was open before publishing gets the new answer on its
 * next message, without reconnecting.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, navRoutes, openConsole, signInConsole } from '../helpers/console-browser.ts';
import { createStaff, signIn } from '../helpers/console-client.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await Promise.all([createStaff(app.fastify, 'editor'), createStaff(app.fastify, 'admin')]);
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Asks one question on an open chat and returns the reply's markdown. */
async function ask(chat: ChatClient, question: string, seq: number): Promise<string> {
  chat.send({ type: 'message', text: question, seq });
  await chat.next('ack');
  return String((await chat.next('reply')).markdown);
}

describe('console page', () => {
  test('serves the shell with a strict Content-Security-Policy and the hashed bundle', async () => {
    const shell = await fetch(`${app.url}/console/`);
    expect(shell.status).toBe(200);
    const csp = shell.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/u);
    const body = await shell.text();
    expect(body).not.toMatch(/<script(?![^>]*\bsrc=)/u);
    const src = /<script type="module" src="([^"]+)"/u.exec(body)?.[1];
    expect(src).toMatch(/^\/console\/console\.[0-9a-f]{16}\.js$/u);
    const bundle = await fetch(`${app.url}${src}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('cache-control')).toContain('immutable');
  });

  test('a wrong password shows the server message and stays on the sign-in page', async () => {
    const { page, errors } = await openConsole(browser, app);
    await page.locator('console-sign-in input[name="email"]').fill('editor@shop.test');
    await page.locator('console-sign-in input[name="password"]').fill('not the password');
    await page.locator('console-sign-in button[type="submit"]').click();
    const alert = page.locator('console-sign-in [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('CONSOLE_ERR_BAD_CREDENTIALS');
    expect(await page.locator('console-app nav').count()).toBe(0);
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });
});

describe('staff names', () => {
  test('an editor sees who last changed an intent by name, though only admins may list accounts', async () => {
    const admin = await signIn(app.fastify, 'admin@shop.test');
    const stored = await admin.call('GET', '/intents/ja/greeting');
    expect(stored.status).toBe(200);
    const saved = await admin.call('PUT', '/intents/ja/greeting', {
      domain: stored.body.domain,
      intent: { ...stored.body.intent, title: `${stored.body.intent.title}（管理者が更新）` },
    });
    expect(saved.status).toBe(200);

    const { page, errors } = await signInConsole(browser, app, 'editor@shop.test');
    await go(page, 'intents/ja/greeting');
    const head = page.locator('console-intent-editor .head');
    await head.locator('h1', { hasText: '管理者が更新' }).waitFor();
    expect(await text(head)).toMatch(/最終更新 .+（admin tester）/u);
    expect(errors).toEqual([]);
  });
});

describe('editing, trying, training and publishing', () => {
  test('an editor adds an utterance and a new answer, trains, publishes; an open chat gets the new answer', async () => {
    // The shopper's chat is open before anything changes, and stays open.
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');
    expect(await ask(chat, '送料はいくら', 1)).not.toContain('全国一律');

    const { page, errors } = await signInConsole(browser, app, 'editor@shop.test');
    expect(await navRoutes(page)).toEqual(['intents', 'try', 'models', 'unanswered', 'analytics']);

    // Search the intents and open one.
    await page.locator('console-intents-page input[name="q"]').fill('配送料');
    await expect.poll(() => page.locator('console-intents-page tbody tr[data-intent]').count()).toBe(1);
    await page.locator('console-intents-page tr[data-intent="shipping.fee"][data-locale="ja"]').waitFor();
    await page.locator('console-intents-page tr[data-intent="shipping.fee"] a').click();

    // Add an utterance, a test and a new answer; the preview follows the draft.
    const editor = page.locator('console-intent-editor');
    await editor.locator('[data-section="utterances"] li').first().waitFor();
    const before = await editor.locator('[data-section="utterances"] li').count();
    await editor.locator('[data-section="utterances"] input').fill('配送料金はおいくらですか');
    await editor.locator('[data-section="utterances"] input').press('Enter');
    expect(await editor.locator('[data-section="utterances"] li').count()).toBe(before + 1);
    for (const test of ['送料っていくらですか', '配送料を教えてください']) {
      await editor.locator('[data-section="tests"] input').fill(test);
      await editor.locator('[data-section="tests"] button', { hasText: '追加' }).click();
    }
    // The preview fills the shop's values as shoppers will see them; an unknown placeholder stays.
    await editor
      .locator('textarea[name="answer"]')
      .fill('{{shopName}}の送料は{{ shippingFee }}、{{noSuchValue}}');
    const preview = editor.locator('console-markdown-preview .markdown');
    await expect.poll(() => text(preview)).toBe('すこやか定期便ストアの送料は550円、{{noSuchValue}}');
    await editor.locator('textarea[name="answer"]').fill('送料は**全国一律**です（新しい回答）。');
    await editor.locator('console-markdown-preview strong', { hasText: '全国一律' }).waitFor();
    await editor.locator('[data-action="save"]').click();
    await editor.locator('[role="status"]', { hasText: '保存しました' }).waitFor();
    const editorApi = await signIn(app.fastify, 'editor@shop.test');
    const stored = await editorApi.call('GET', '/intents/ja/shipping.fee');
    expect(stored.body.intent.utterances).toContain('配送料金はおいくらですか');
    expect(stored.body.intent.answer).toContain('新しい回答');

    // Try a phrase against the live model: still the old answer until published.
    await go(page, 'try');
    await page.locator('console-try-page input[name="text"]').fill('送料はいくら');
    await page.locator('console-try-page button[type="submit"]').click();
    const decision = page.locator('console-try-page [data-field="decision"]');
    await decision.waitFor();
    expect(await text(decision)).toBe('回答する');
    expect(await text(page.locator('console-try-page [data-field="intent"]'))).toBe('shipping.fee');
    expect(await page.locator('console-try-page .candidates tr').count()).toBeGreaterThan(1);

    // Train, follow the progress, read the comparison, publish.
    await go(page, 'models');
    const models = page.locator('console-models-page');
    await models.locator('table[data-table="versions"]').waitFor();
    await models.locator('[data-action="train"]').click();
    await models.locator('[role="progressbar"]').waitFor();
    const evaluation = models.locator('[data-section="evaluation"]');
    await evaluation.waitFor({ timeout: 30_000 });
    const version = await evaluation.getAttribute('data-version');
    await evaluation.locator('table[data-table="intents"] tr[data-intent="shipping.fee"]').first().waitFor();
    expect(await evaluation.locator('.verdict').getAttribute('data-worse')).toBe('false');
    expect(await text(evaluation.locator('table[data-table="scores"]'))).toContain('対象内の正解率');
    await evaluation.locator('[data-action="publish"]').click();
    await models.locator('[role="status"]', { hasText: `v${version} を公開しました` }).waitFor();
    await models.locator(`tr[data-version="${version}"] [data-live="true"]`).waitFor();
    const publications = models.locator('table[data-table="publications"]');
    expect(await text(publications)).toContain(`v${version}`);
    // Who trained and published, by name.
    expect(await text(publications.locator('tbody tr').first())).toContain('editor tester');
    expect(await text(models.locator(`tr[data-version="${version}"] [data-field="created-by"]`))).toBe(
      'editor tester',
    );

    // The chat that stayed open gets the new answer on its next message.
    expect(await ask(chat, '送料はいくら', 2)).toContain('新しい回答');
    expect(chat.closeCode).toBeUndefined();
    chat.close();
    expect(errors).toEqual([]);
  });

  test("an answer the shopper's next line disputes is on the unanswered page with the signal and that line", async () => {
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello', locale: 'ja' });
    await chat.next('welcome');
    await ask(chat, '送料はいくら', 1);
    await ask(chat, '違う、そうじゃなくて', 2);
    chat.close();

    const { page, errors } = await signInConsole(browser, app, 'editor@shop.test');
    await go(page, 'unanswered');
    const dispute = page.locator('console-unanswered-page .dispute[data-signal="negation"]');
    await dispute.waitFor({ state: 'attached' });
    const signal = page.locator('.dispute[data-signal="negation"]');
    await page.locator('console-unanswered-page section.group', { has: signal }).locator('summary').click();
    const item = page.locator('console-unanswered-page li', { has: signal });
    expect(await text(item)).toContain('送料はいくら');
    expect(await text(item)).toContain('回答違いの可能性');
    expect(await text(dispute)).toBe('「違う」と返された · 次の発言: 違う、そうじゃなくて');
    expect(errors).toEqual([]);
  });
});
