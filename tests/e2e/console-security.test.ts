/**
 * The console under attack, in real Chromium: an intent answer full of XSS payloads in the editor's live
 * preview (the widget's markdown path: marked → DOMPurify → DOM), and a shopper who typed markup, seen in
 * the unanswered queue, the escalation transcript and the handoff mail. Nothing may run: the payloads'
 * window flag stays unset, no dialog opens, and no script, image, frame or handler reaches the DOM.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium, text } from '../helpers/browser.ts';
import { go, signInConsole } from '../helpers/console-browser.ts';
import { createStaff, signIn } from '../helpers/console-client.ts';
import { completeHandoff } from '../helpers/handoff.ts';
import { ChatClient, startTestApp, type TestApp } from '../helpers/test-app.ts';

/** A staff-written answer gone wrong: every line tries to run script or smuggle markup. */
const PAYLOAD_ANSWER = [
  '送料のご案内です。<img src=x onerror="window.__xss=\'img\'">',
  '<script>window.__xss="script"</script>',
  "[javascriptリンク](javascript:window.__xss='js-link')",
  '[dataリンク](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<a href="https://evil.example" onclick="window.__xss=\'onclick\'">生のリンク</a>',
  '<svg onload="window.__xss=\'svg\'"></svg><iframe src="javascript:top.__xss=\'iframe\'"></iframe>',
  '[安全なリンク](https://shop.example/help) と **太字**',
].join('\n\n');

/** What a shopper typed: markup that would run if it were ever parsed as HTML. */
const SHOPPER_PAYLOAD = '<img src=x onerror="window.__xss=\'shopper\'">ねこ<script>window.__xss=1</script>';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await Promise.all([startTestApp(), launchChromium()]);
  await createStaff(app.fastify, 'admin');
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** Whether any payload ran (after giving error and load events time to fire). */
async function xssMarker(page: Page): Promise<unknown> {
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
}

/** Elements and attributes under a locator that could run or load something. */
function dangerousContent(locator: Locator) {
  return locator.evaluate((root) => {
    const scope = root.shadowRoot ?? root;
    const all = [...scope.querySelectorAll('*')];
    return {
      elements: all.filter((el) => /^(script|img|svg|iframe|object|embed|style)$/iu.test(el.tagName)).length,
      handlers: all.flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name),
      ),
      hrefs: [...scope.querySelectorAll('a')].map((a) => a.getAttribute('href')),
    };
  });
}

describe('console XSS', () => {
  test('an answer with payloads renders inert in the editor preview, stored and while typing', async () => {
    const admin = await signIn(app.fastify, 'admin@shop.test');
    const stored = await admin.call('GET', '/intents/ja/shipping.fee');
    const saved = await admin.call('PUT', '/intents/ja/shipping.fee', {
      domain: stored.body.domain,
      intent: { ...stored.body.intent, answer: PAYLOAD_ANSWER },
    });
    expect(saved.status).toBe(200);

    const { page, errors, dialogs } = await signInConsole(browser, app, 'admin@shop.test');
    await go(page, 'intents/ja/shipping.fee');
    const preview = page.locator('console-intent-editor console-markdown-preview');
    await preview.locator('strong', { hasText: '太字' }).waitFor();
    const rendered = await dangerousContent(preview);
    expect(rendered.elements).toBe(0);
    expect(rendered.handlers).toEqual([]);
    expect(rendered.hrefs.filter((href) => href !== null)).toEqual(['https://shop.example/help']);
    // Raw HTML is shown as text, so staff see what they wrote.
    expect(await text(preview.locator('.markdown'))).toContain('<script>');

    // Typed live into the editor: the same path, the same result.
    await page
      .locator('console-intent-editor textarea[name="answer"]')
      .fill(`${PAYLOAD_ANSWER}\n\n**新しい太字**`);
    await preview.locator('strong', { hasText: '新しい太字' }).waitFor();
    expect((await dangerousContent(preview)).elements).toBe(0);
    expect(await xssMarker(page)).toBeNull();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });

  test("a shopper's markup is text in the unanswered queue, the transcript and the mail frame", async () => {
    const chat = await ChatClient.connect(app.url);
    chat.send({ type: 'hello' });
    await chat.next('welcome');
    chat.send({ type: 'message', text: SHOPPER_PAYLOAD, seq: 1 });
    await chat.next('reply');
    await completeHandoff(chat, { seq: 2, email: 'taro@example.jp', summary: SHOPPER_PAYLOAD });
    chat.close();

    const { page, errors, dialogs } = await signInConsole(browser, app, 'admin@shop.test');
    await go(page, 'unanswered');
    const queue = page.locator('console-unanswered-page');
    const group = queue.locator('section[data-group]', { hasText: 'ねこ' }).first();
    await group.waitFor();
    expect(await text(group.locator('.label'))).toContain('<img src=x');
    expect((await dangerousContent(queue)).elements).toBe(0);

    await go(page, 'escalations');
    await page
      .locator('console-escalations-page tr[data-escalation]', { hasText: 'taro@example.jp' })
      .click();
    const detail = page.locator('console-escalation-detail');
    const transcript = detail.locator('[data-section="transcript"]');
    await transcript.locator('li').first().waitFor();
    expect(await text(transcript)).toContain('<img src=x onerror=');
    const inConsole = await dangerousContent(detail);
    // The one frame is the sandboxed mail; nothing else that loads or runs.
    expect(inConsole.handlers).toEqual([]);
    const frames = await detail
      .locator('iframe')
      .evaluateAll((els) => els.map((el) => el.getAttribute('sandbox')));
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.every((sandbox) => sandbox === '')).toBe(true);
    expect(
      await detail.locator('[data-section="transcript"] img, [data-section="transcript"] script').count(),
    ).toBe(0);
    expect(await xssMarker(page)).toBeNull();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
