/**
 * Account linking as the LINE user meets it (server/channels/line/line-turn.ts, line-account-link.ts):
 * the real app with its LINE channel on the stand-in platform; nonces are made through the link store
 * as the bot's link page makes them. An accountLink event links only with result ok and a nonce made for
 * that LINE user; anything else links nothing and says so. Linking binds the user's conversation (and
 * keeps its history); unlinking, after a confirmation, leaves it for a fresh anonymous one.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LineLinkStore } from '../../../../server/channels/line/line-link-store.ts';
import { lineText } from '../../../../server/channels/line/line-texts.ts';
import { FLOW_CORPUS, flowEngine } from '../../../helpers/flow-corpus.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  linkUrisOf,
  type LinePlatformStandIn as Platform,
  postbackEvent,
  postWebhook,
  quickRepliesOf,
  textEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import { TEST_SHOPPER_SECRET } from '../../../helpers/shopper-tokens.ts';
import { startTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

const HANAKO = { customerId: 'cust-hanako-31', email: 'hanako@example.jp', name: '山田 花子' };
let platform: LinePlatformStandIn;
let app: TestApp;
let links: LineLinkStore;
let users = 0;

function newUser(): string {
  users += 1;
  return `U${String(users).padStart(28, '0')}a11c`;
}

/** An accountLink event as LINE sends it. */
function accountLinkEvent(stand: Platform, userId: string, result: 'ok' | 'failed', nonce: string) {
  return {
    type: 'accountLink',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
    deliveryContext: { isRedelivery: false },
    replyToken: stand.tokenFor(userId),
    link: { result, nonce },
  };
}

/** Posts one event and returns the texts (and calls) answering it. */
async function say(user: string, event: object) {
  const from = platform.delivered(user).length;
  expect((await postWebhook(app.url, [event])).status).toBe(200);
  await waitFor(() => (platform.delivered(user).length > from ? true : undefined), 'an answer');
  const calls = platform.delivered(user).slice(from);
  return { texts: calls.flatMap((c) => c.texts), calls };
}

/** A nonce as the link page makes it after the shop vouched for HANAKO, for `user`'s link token. */
async function nonceFor(user: string): Promise<string> {
  const linkToken = `events-link-${randomUUID()}`;
  await links.issued(linkToken, user, new Date());
  return (await links.vouch(linkToken, HANAKO, new Date()))!;
}

async function lineUser(user: string) {
  return app.fastify.lineChannel!.users.find(user);
}

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
  app = await startTestApp({
    env: {
      ...lineEnv(platform),
      PUBLIC_URL: 'https://bot.example.jp',
      LINE_LINK_LOGIN_URL: 'https://shop.example.jp/line-login',
      SHOPPER_TOKEN_SECRET: TEST_SHOPPER_SECRET,
    },
    prepared: { engine: await flowEngine(), corpus: FLOW_CORPUS },
  });
  links = new LineLinkStore(() => app.fastify.storage.database());
});
afterAll(async () => {
  await app.close();
  await platform.stop();
});

describe('the link offer', () => {
  test.each(['アカウント連携', 'ログイン', 'アカウントを連携したい。', 'ｱｶｳﾝﾄ連携'])(
    '「%s」 gets a button to the bot’s link page with a link token LINE issued',
    async (text) => {
      const user = newUser();
      const { calls, texts } = await say(user, textEvent(platform, user, text));
      expect(texts[0]).toBe(lineText('ja', 'linkOffer'));
      const [uri] = calls.flatMap(linkUrisOf);
      const url = new URL(uri!);
      expect(`${url.origin}${url.pathname}`).toBe('https://bot.example.jp/line/link');
      const linkToken = url.searchParams.get('linkToken')!;
      expect(platform.issuedLinkTokens()).toContain(linkToken);
      expect(await links.usable(linkToken, new Date())).toBe(true);
    },
  );

  test('a question about logging in is a question for the bot, not the offer', async () => {
    const user = newUser();
    const { calls } = await say(user, textEvent(platform, user, 'ログインできないのですが'));
    expect(calls.flatMap(linkUrisOf)).toEqual([]);
  });

  test('an unlinked user asking about their next delivery gets the general answer, then the offer', async () => {
    const user = newUser();
    const { calls, texts } = await say(user, textEvent(platform, user, '次回のお届け日はいつ'));
    expect(texts[0]).toContain('マイページ');
    expect(texts[1]).toBe(lineText('ja', 'linkOfferAfterAnswer'));
    expect(calls.flatMap(linkUrisOf)).toHaveLength(1);
  });

  test('a flow that began with the offer does not repeat it at its next steps', async () => {
    const user = newUser();
    const start = await say(user, textEvent(platform, user, '定期便を解約したい'));
    expect(start.calls.flatMap(linkUrisOf)).toHaveLength(1);
    const [button] = quickRepliesOf(start.calls[0]!);
    const next = await say(user, postbackEvent(platform, user, button!.data));
    expect(next.calls.flatMap(linkUrisOf)).toEqual([]);
  });

  test('a question that needs no account gets no offer', async () => {
    const user = newUser();
    const { calls } = await say(user, textEvent(platform, user, '送料はいくら'));
    expect(calls.flatMap(linkUrisOf)).toEqual([]);
  });
});

describe('the accountLink event', () => {
  test.each([
    { name: 'result failed', result: 'failed' as const, nonce: (user: string) => nonceFor(user) },
    { name: 'an unknown nonce', result: 'ok' as const, nonce: async () => 'not-a-nonce-we-made' },
    {
      name: "another LINE user's nonce",
      result: 'ok' as const,
      nonce: () => nonceFor('U0000000000000000000000000000beef'),
    },
  ])('$name: nothing linked, a polite text', async ({ result, nonce }) => {
    const user = newUser();
    const { texts } = await say(user, accountLinkEvent(platform, user, result, await nonce(user)));
    expect(texts).toEqual([lineText('ja', 'linkFailed')]);
    expect((await lineUser(user))?.linked).toBeUndefined();
  });

  test('a failed link uses its nonce up: it cannot link later', async () => {
    const user = newUser();
    const nonce = await nonceFor(user);
    await say(user, accountLinkEvent(platform, user, 'failed', nonce));
    const { texts } = await say(user, accountLinkEvent(platform, user, 'ok', nonce));
    expect(texts).toEqual([lineText('ja', 'linkFailed')]);
    expect((await lineUser(user))?.linked).toBeUndefined();
  });

  test('ok with our nonce links the user; their conversation becomes the customer’s and keeps its history', async () => {
    const user = newUser();
    await say(user, textEvent(platform, user, '送料はいくら'));
    const before = (await lineUser(user))!.conversationId!;
    const { texts } = await say(user, accountLinkEvent(platform, user, 'ok', await nonceFor(user)));
    expect(texts).toEqual([lineText('ja', 'linked')]);
    const after = (await lineUser(user))!;
    expect(after.linked).toEqual(HANAKO);
    expect(after.conversationId).toBe(before);
    expect((await app.fastify.storage.getConversation(before))?.customerId).toBe(HANAKO.customerId);
    expect((await app.fastify.storage.listMessages(before)).length).toBeGreaterThanOrEqual(2);

    // Linked: 「アカウント連携」 says so instead of offering again.
    expect((await say(user, textEvent(platform, user, 'アカウント連携'))).texts).toEqual([
      lineText('ja', 'alreadyLinked'),
    ]);
  });
});

describe('a linked user handing off', () => {
  test('is not asked for an address; the escalation and its mail name the customer, as in the widget', async () => {
    const user = newUser();
    await say(user, accountLinkEvent(platform, user, 'ok', await nonceFor(user)));
    const ask = await say(user, textEvent(platform, user, '人と話したい'));
    expect(ask.texts[0]).toContain(`ご返信は ${HANAKO.email} にお送りします`);
    const skip = quickRepliesOf(ask.calls[0]!).find((q) => q.data.includes('handoff.skip'))!;
    const done = await say(user, postbackEvent(platform, user, skip.data));
    expect(done.texts[0]).toContain(`ご返信先: ${HANAKO.email}`);
    const conversationId = (await lineUser(user))!.conversationId;
    const escalation = (await app.fastify.storage.listEscalations()).find(
      (e) => e.conversationId === conversationId,
    );
    expect(escalation).toMatchObject({ customerId: HANAKO.customerId, email: HANAKO.email });
    const mail = (await app.fastify.storage.listOutbox()).find((m) => m.escalationId === escalation?.id);
    expect(mail?.text).toContain('顧客ID（ログインで確認済み）');
    expect(mail?.text).toContain(HANAKO.customerId);
  });
});

describe('unlinking', () => {
  test('「連携解除」 asks first; やめる keeps the link; 解除する forgets it and starts a fresh conversation', async () => {
    const user = newUser();
    await say(user, accountLinkEvent(platform, user, 'ok', await nonceFor(user)));
    const bound = (await lineUser(user))!.conversationId!;

    const question = await say(user, textEvent(platform, user, '連携解除'));
    expect(question.texts).toEqual([lineText('ja', 'unlinkConfirm')]);
    const [yes, no] = quickRepliesOf(question.calls[0]!);
    expect((await say(user, postbackEvent(platform, user, no!.data))).texts).toEqual([
      lineText('ja', 'unlinkKept'),
    ]);
    expect((await lineUser(user))?.linked).toEqual(HANAKO);

    expect((await say(user, postbackEvent(platform, user, yes!.data))).texts).toEqual([
      lineText('ja', 'unlinked'),
    ]);
    expect((await lineUser(user))?.linked).toBeUndefined();

    // The next message is in a fresh anonymous conversation; the bound one stays the customer's.
    await say(user, textEvent(platform, user, '送料はいくら'));
    const fresh = (await lineUser(user))!.conversationId!;
    expect(fresh).not.toBe(bound);
    expect((await app.fastify.storage.getConversation(fresh))?.customerId).toBeNull();
    expect((await app.fastify.storage.getConversation(bound))?.customerId).toBe(HANAKO.customerId);

    // A stale 解除する pressed again, and 「連携解除」 while unlinked: nothing to unlink.
    expect((await say(user, postbackEvent(platform, user, yes!.data))).texts).toEqual([
      lineText('ja', 'notLinked'),
    ]);
    expect((await say(user, textEvent(platform, user, '連携解除'))).texts).toEqual([
      lineText('ja', 'notLinked'),
    ]);
  });
});

describe('linking off', () => {
  test('「アカウント連携」 is told kindly that linking is not available', async () => {
    const off = await startTestApp({ env: lineEnv(platform) });
    try {
      const user = newUser();
      const from = platform.delivered(user).length;
      await postWebhook(off.url, [textEvent(platform, user, 'アカウント連携')]);
      await waitFor(() => (platform.delivered(user).length > from ? true : undefined), 'an answer');
      expect(platform.delivered(user).slice(from)[0]?.texts).toEqual([lineText('ja', 'linkUnavailable')]);
    } finally {
      await off.close();
    }
  });
});
