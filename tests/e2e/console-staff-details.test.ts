/**
 * What Japanese staff read in the console, in real Chromium: sign-in errors in their language by code,
 * escalations filtered by an intent chosen by title, transcripts rendered as the shopper saw them with
 * decisions in words and scores as percentages (never above 100 %), intent lists in their own language
 * first, the models page with the publish action before the per-intent table and the publish gate's
 * reasons in words, and outbox subjects as sent.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type {
  ModelComparison,
  ModelDetail,
  ModelList,
  ModelVersionSummary,
} from '../../server/schemas/console-api.ts';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, openConsole, signInConsole } from '../helpers/console-browser.ts';
import { createStaff, signIn } from '../helpers/console-client.ts';
import { completeHandoff } from '../helpers/handoff.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

let app: TestApp;
let browser: Browser;
/** The escalation of the one chat handoff these tests read. */
let escalation: { id: string; conversationId: string; intent: string | null };

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await Promise.all([
    createStaff(app.fastify, 'editor'),
    createStaff(app.fastify, 'operator'),
    createStaff(app.fastify, 'admin'),
  ]);
  const chat = await ChatClient.connect(app.url);
  chat.send({ type: 'hello' });
  await chat.next('welcome');
  await completeHandoff(chat, { seq: 1, email: 'sakura@example.jp', summary: '請求について' });
  chat.close();
  const operator = await signIn(app.fastify, 'operator@shop.test');
  const list = await operator.call('GET', '/escalations');
  escalation = list.body.escalations.find((e: { email: string }) => e.email === 'sakura@example.jp');
  // A stored score above 1 (a flow's or an older row's): staff must never read more than 100 %.
  await app.fastify.storage.appendBotMessage({
    id: randomUUID(),
    conversationId: escalation.conversationId,
    replyTo: null,
    text: '**太字**の回答',
    decision: 'answer',
    intent: 'shipping.fee',
    score: 1.37,
    payload: null,
    createdAt: new Date(),
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('sign-in page', () => {
  test.each([
    { locale: 'ja-JP', message: 'メールアドレスまたはパスワードが違います。' },
    { locale: 'en-US', message: 'Wrong email or password.' },
  ])('a wrong password reads as a sentence in $locale without the code', async ({ locale, message }) => {
    const { page } = await openConsole(browser, app, { locale });
    await page.locator('console-sign-in input[name="email"]').fill('editor@shop.test');
    await page.locator('console-sign-in input[name="password"]').fill('not the password');
    await page.locator('console-sign-in button[type="submit"]').click();
    const alert = page.locator('console-sign-in [role="alert"]');
    await alert.waitFor();
    expect(await alert.getAttribute('data-code')).toBe('CONSOLE_ERR_BAD_CREDENTIALS');
    expect((await text(alert)).trim()).toBe(message);
  });
});

describe('escalations page', () => {
  test('offers the known intents by title in a select and filters by the chosen one', async () => {
    expect(escalation.intent).toBeTruthy();
    const { page, errors } = await signInConsole(browser, app, 'operator@shop.test');
    const list = page.locator('console-escalations-page');
    await list.locator('tr[data-escalation]').first().waitFor();
    const select = list.locator('select[name="intent"]');
    await expect
      .poll(() => select.locator('option').evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value)))
      .toContain('shipping.fee');
    expect(await text(select.locator('option[value="shipping.fee"]'))).toBe('送料');
    await select.selectOption(String(escalation.intent));
    await list.locator(`tr[data-escalation="${escalation.id}"]`).waitFor();
    await select.selectOption('shipping.fee');
    await expect.poll(() => list.locator(`tr[data-escalation="${escalation.id}"]`).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('escalation detail', () => {
  test("renders the bot's markdown and names its decisions in Japanese", async () => {
    const { page, errors } = await signInConsole(browser, app, 'operator@shop.test');
    await go(page, `escalations/${escalation.id}`);
    const transcript = page.locator('console-escalation-detail [data-section="transcript"]');
    await transcript.locator('li.bot').first().waitFor();
    // The email is shown as inline code (`…`) and the bold as bold, not as markdown source.
    await transcript.locator('li.bot code', { hasText: 'sakura@example.jp' }).first().waitFor();
    await transcript.locator('li.bot strong', { hasText: '太字' }).waitFor();
    const all = await text(transcript);
    expect(all).not.toContain('`');
    expect(all).not.toContain('**');
    const decisions = await transcript.locator('[data-field="decision"]').allTextContents();
    expect(decisions).toContain('お客さまに質問');
    expect(decisions.join(' ')).not.toMatch(/\b(ask|answer|handoff)\b/u);
    expect(errors).toEqual([]);
  });

  test('shows scores as percentages, never above 100 %', async () => {
    const { page } = await signInConsole(browser, app, 'operator@shop.test');
    await go(page, `escalations/${escalation.id}`);
    const transcript = page.locator('console-escalation-detail [data-section="transcript"]');
    await transcript.locator('li.bot strong', { hasText: '太字' }).waitFor();
    const scores = (await transcript.locator('[data-field="score"]').allTextContents()).filter(
      (s) => s !== '—',
    );
    expect(scores).toContain('100%');
    for (const score of scores) {
      expect(score).toMatch(/^\d{1,3}%$/u);
      expect(Number.parseInt(score, 10)).toBeLessThanOrEqual(100);
    }
  });
});

describe('intents page', () => {
  test.each([
    { locale: 'ja-JP', own: 'ja' },
    { locale: 'en-US', own: 'en' },
  ])('lists only the staff language ($own) until another is chosen', async ({ locale, own }) => {
    const { page } = await signInConsole(browser, app, 'editor@shop.test', { locale });
    await go(page, 'intents');
    const intents = page.locator('console-intents-page');
    await intents.locator('tbody tr[data-intent]').first().waitFor();
    expect(await intents.locator('select[name="locale"]').inputValue()).toBe(own);
    const locales = await intents
      .locator('tbody tr[data-intent]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.locale));
    expect(new Set(locales)).toEqual(new Set([own]));
  });

  test('with all languages chosen, the staff language comes first', async () => {
    const { page } = await signInConsole(browser, app, 'editor@shop.test');
    await go(page, 'intents');
    const intents = page.locator('console-intents-page');
    await intents.locator('tbody tr[data-intent]').first().waitFor();
    await intents.locator('select[name="locale"]').selectOption('');
    await intents.locator('tbody tr[data-locale="en"]').first().waitFor();
    const locales = await intents
      .locator('tbody tr[data-intent]')
      .evaluateAll((rows) => rows.map((r) => r.dataset.locale));
    expect(locales[0]).toBe('ja');
    expect(locales.indexOf('en')).toBeGreaterThan(locales.lastIndexOf('ja'));
  });
});

/**
 * What `GET /models` and `GET /models/:id` answer on a shop whose server trained and published the
 * first model itself (v1) and where an editor has trained v2: 40 intents per locale, as shipped.
 */
function shippedModels(): { list: ModelList; detail: ModelDetail } {
  const at = '2026-12-01T01:00:00.000Z';
  const version = (number: number, live: boolean): ModelVersionSummary => ({
    id: randomUUID(),
    number,
    status: 'ready',
    progress: null,
    createdAt: at,
    createdBy: live ? null : randomUUID(),
    createdByName: live ? null : 'editor tester',
    finishedAt: at,
    error: null,
    live,
    published: live,
    utterances: 900,
  });
  const v1 = version(1, true);
  const v2 = version(2, false);
  const scores = { inScopeAccuracy: 0.9, outOfScopeRecall: 0.8, tests: 160, perIntent: {} };
  const intents = (['ja', 'en'] as const).flatMap((locale) =>
    Array.from({ length: 40 }, (_, i) => ({
      locale,
      intent: `intent.${i}`,
      total: 2,
      liveCorrect: i === 0 ? null : 2,
      candidateCorrect: i === 1 ? 1 : 2,
    })),
  );
  return {
    list: {
      liveVersionId: v1.id,
      versions: [v2, v1],
      publications: [
        {
          id: randomUUID(),
          versionId: v1.id,
          versionNumber: 1,
          publishedAt: at,
          publishedBy: null,
          publishedByName: null,
          reason: 'initial model',
          overridden: false,
        },
      ],
    },
    detail: {
      version: v2,
      evaluation: {
        candidate: { ja: scores, en: scores },
        live: { ja: scores, en: scores },
        liveVersionId: v1.id,
      },
      comparison: { worse: false, reasons: [], intents },
    },
  };
}

/** Signs in and opens the models page with `shippedModels` as the API's answers. */
async function openShippedModels(email: string): Promise<Locator> {
  const { list, detail } = shippedModels();
  const { page } = await signInConsole(browser, app, email);
  await page.route('**/api/console/models', (route) => route.fulfill({ json: list }));
  await page.route('**/api/console/models/*', (route) => route.fulfill({ json: detail }));
  await go(page, 'models');
  return page.locator('console-models-page');
}

describe('models page', () => {
  test('puts the publish action before the per-intent table', async () => {
    const models = await openShippedModels('admin@shop.test');
    const publish = models.locator('[data-action="publish"]');
    await models.locator('table[data-table="intents"] tbody tr').first().waitFor();
    const publishFirst = await publish.evaluate((button) => {
      const table = (button.getRootNode() as ShadowRoot).querySelector('table[data-table="intents"]');
      return (
        table !== null && Boolean(button.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING)
      );
    });
    expect(publishFirst).toBe(true);
  });

  test('fills every change cell of the per-intent table', async () => {
    const models = await openShippedModels('admin@shop.test');
    const table = models.locator('table[data-table="intents"]');
    await table.locator('tbody tr').first().waitFor();
    const changes = (await table.locator('tbody td:last-child').allTextContents()).map((c) => c.trim());
    expect(changes).toHaveLength(80);
    expect(changes.filter((c) => c === '')).toEqual([]);
    expect(await text(table.locator('tr[data-intent="intent.1"]').first())).toContain('-1');
    expect(await text(table.locator('tr[data-intent="intent.2"]').first())).toContain('±0');
  });

  test("words the publish gate's reasons in Japanese, in the verdict and in a refused publication", async () => {
    const { list, detail } = shippedModels();
    const reasons: ModelComparison['reasons'] = [
      {
        code: 'PUBLISH_GATE_SCORE_DROPPED',
        locale: 'ja',
        measure: 'in-scope-accuracy',
        live: 0.9,
        candidate: 0.887,
      },
      { code: 'PUBLISH_GATE_INTENT_REMOVED', locale: 'ja', intent: 'shipping.fee', messages: 12 },
    ];
    const comparison = { ...detail.comparison!, worse: true, reasons };
    const { page } = await signInConsole(browser, app, 'editor@shop.test');
    await page.route('**/api/console/models', (route) => route.fulfill({ json: list }));
    await page.route('**/api/console/models/*', (route) =>
      route.fulfill({ json: { ...detail, comparison } }),
    );
    await page.route('**/api/console/models/*/publish', (route) =>
      route.fulfill({
        status: 409,
        json: {
          code: 'CONSOLE_ERR_MODEL_WORSE',
          message: 'Model v2 is worse than the live model: ja in-scope accuracy 90.0% → 88.7%',
          details: { comparison },
        },
      }),
    );
    await go(page, 'models');
    const models = page.locator('console-models-page');
    const verdict = models.locator('[data-section="worse-reasons"] li');
    await verdict.first().waitFor();
    expect((await verdict.allTextContents()).map((line) => line.trim())).toEqual([
      '日本語の対象内の正解率 90.0% → 88.7%',
      '日本語: shipping.fee を削除していますが、最近 12 件のお客様のメッセージに回答しています',
    ]);
    await models.locator('[data-action="publish"]').click();
    const refused = models.locator('[role="alert"]', { hasText: '悪化しているため公開できませんでした' });
    await refused.waitFor();
    const shown = await text(models);
    expect(shown).not.toContain('in-scope accuracy');
    expect(shown).not.toContain('is worse than');
    expect(await models.locator('ul.reasons li[data-code="PUBLISH_GATE_INTENT_REMOVED"]').count()).toBe(2);
  });

  test("names the server's first publication in Japanese", async () => {
    const models = await openShippedModels('editor@shop.test');
    const publications = models.locator('table[data-table="publications"]');
    await publications.locator('tbody tr').first().waitFor();
    const all = await text(publications);
    expect(all).not.toContain('initial model');
    expect(all).toContain('初期モデル');
    expect(all).toContain('サーバー（自動）');
  });
});

describe('outbox page', () => {
  test('shows a subject exactly as the mail has it, without template indentation', async () => {
    const operator = await signIn(app.fastify, 'operator@shop.test');
    const detail = await operator.call('GET', `/escalations/${escalation.id}`);
    const subject: string = detail.body.mails[0].subject;
    const { page } = await signInConsole(browser, app, 'operator@shop.test');
    await go(page, 'outbox');
    const cell = page.locator('console-outbox-page td.subject', { hasText: subject }).first();
    await cell.waitFor();
    expect(await cell.textContent()).toBe(subject);
  });
});
