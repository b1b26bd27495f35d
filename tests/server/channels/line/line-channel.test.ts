/**
 * The LINE channel end to end (server/channels/line/): the real app on a loopback port with its LINE
 * channel pointed at the stand-in platform (tests/helpers/line-platform-stand-in.ts), webhook requests
 * signed as LINE signs them, and what the stand-in received.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { staffClient } from '../../../helpers/console-client.ts';
import {
  followEvent,
  LINE_TEST_TOKEN,
  LinePlatformStandIn,
  lineEnv,
  lineSignature,
  postbackEvent,
  postWebhook,
  quickRepliesOf,
  stickerEvent,
  textEvent,
  unfollowEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import { startTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

let platform: LinePlatformStandIn;
let app: TestApp;
let users = 0;

/** A LINE user id no other test uses. */
function newUser(): string {
  users += 1;
  return `U${String(users).padStart(32, '0')}`;
}

function inbox() {
  const channel = app.fastify.lineChannel;
  if (!channel) throw new Error('the LINE channel is off');
  return channel.inbox;
}

/** The conversation of a LINE user. */
async function conversationOf(user: string): Promise<string> {
  const row = await app.fastify.storage
    .database()
    .selectFrom('line_users')
    .select('conversation_id')
    .where('line_user_id', '=', user)
    .executeTakeFirstOrThrow();
  return row.conversation_id ?? '';
}

/** Waits until every stored event of `user` is settled, and returns them. */
async function settled(user: string, count: number) {
  return waitFor(async () => {
    const events = await inbox().list({ lineUserId: user });
    return events.length === count && events.every((e) => e.state !== 'pending') ? events : undefined;
  }, `${count} settled events of ${user}`);
}

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
  app = await startTestApp({ env: lineEnv(platform) });
});

afterAll(async () => {
  await app.close();
  await platform.stop();
});

afterEach(() => {
  platform.calls.length = 0;
});

describe('LINE channel', () => {
  test('a signed follow is answered with the greeting, by reply, with the channel access token', async () => {
    const user = newUser();
    const event = followEvent(platform, user);
    expect((await postWebhook(app.url, [event])).status).toBe(200);
    const [answered] = await settled(user, 1);
    expect(answered?.state).toBe('answered');
    expect(answered?.sentBy).toBe('reply');
    const [call] = platform.delivered(user);
    expect(call?.kind).toBe('reply');
    expect(call?.body.replyToken).toBe(event.replyToken);
    expect(call?.authorization).toBe(`Bearer ${LINE_TEST_TOKEN}`);
    expect(call?.texts[0]).toMatch(/[ぁ-んァ-ン]/u);
  });

  test('a Japanese question gets its answer as plain text with the link and LINE quick replies', async () => {
    const user = newUser();
    await postWebhook(app.url, [textEvent(platform, user, '定期便の周期を変えたい')]);
    await settled(user, 1);
    const [call] = platform.delivered(user);
    expect(call?.texts[0]).toContain('お届け周期はマイページ https://shop.example/mypage から変更できます。');
    expect(call?.texts[0]).not.toMatch(/[[\]()*]/u);
    const quick = quickRepliesOf(call!);
    expect(quick.length).toBeGreaterThan(0);
    expect(quick.length).toBeLessThanOrEqual(13);
    for (const item of quick) expect([...item.label].length).toBeLessThanOrEqual(20);
    expect(quick.map((q) => new URLSearchParams(q.data).get('intent'))).toContain('subscription.cancel');
  });

  test('a pressed quick reply is answered as its intent, and its text is stored as the shopper said it', async () => {
    const user = newUser();
    await postWebhook(app.url, [textEvent(platform, user, '定期便の周期を変えたい')]);
    await settled(user, 1);
    const cancel = quickRepliesOf(platform.delivered(user)[0]!).find((q) => q.data.includes('cancel'));
    await postWebhook(app.url, [postbackEvent(platform, user, cancel!.data)]);
    await settled(user, 2);
    // The cancellation flow starts, as when the widget's button is pressed.
    expect(platform.delivered(user)[1]?.texts[0]).toContain('解約をお考えの理由');
    const conversationId = await conversationOf(user);
    const messages = await app.fastify.storage.listMessages(conversationId);
    expect(messages[2]?.text).toBe(new URLSearchParams(cancel!.data).get('text'));
  });

  test('a postback naming an unknown intent is no more than its text typed', async () => {
    const user = newUser();
    const data = new URLSearchParams({ intent: 'staff.only', text: '送料はいくら' }).toString();
    await postWebhook(app.url, [postbackEvent(platform, user, data)]);
    await settled(user, 1);
    expect(platform.delivered(user)[0]?.texts[0]).toMatch(/^送料は/u);
  });

  test('a forged or missing signature is refused with 401 and nothing is stored', async () => {
    const user = newUser();
    const forged = await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')], {
      signature: lineSignature('another body'),
    });
    expect(forged).toEqual({
      status: 401,
      body: expect.objectContaining({ code: 'LINE_ERR_BAD_SIGNATURE' }),
    });
    const wrongSecret = await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')], {
      secret: 'not-the-channel-secret',
    });
    expect(wrongSecret.status).toBe(401);
    const missing = await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')], {
      signature: null,
    });
    expect(missing.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inbox().list({ lineUserId: user })).toEqual([]);
    expect(platform.calls).toEqual([]);
  });

  test('a signed body that is not a webhook request is 400 and stores nothing', async () => {
    const body = JSON.stringify({ events: [{ type: 'message' }] });
    const response = await fetch(`${app.url}/line/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature(body) },
      body,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('LINE_ERR_BAD_REQUEST');
  });

  test('events from group chats are acknowledged and not answered', async () => {
    const user = newUser();
    const inGroup = {
      ...textEvent(platform, user, '送料はいくら'),
      source: { type: 'group', groupId: 'G1', userId: user },
    };
    expect((await postWebhook(app.url, [inGroup])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await inbox().list({ lineUserId: user })).toEqual([]);
    expect(platform.calls).toEqual([]);
  });

  test("LINE's verify request (no events) gets 200", async () => {
    expect(await postWebhook(app.url, [])).toEqual({ status: 200, body: {} });
  });

  test('a redelivered event is stored and answered once', async () => {
    const user = newUser();
    const event = textEvent(platform, user, '送料はいくら');
    expect((await postWebhook(app.url, [event])).status).toBe(200);
    await settled(user, 1);
    const again = { ...event, deliveryContext: { isRedelivery: true } };
    expect((await postWebhook(app.url, [again])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await inbox().list({ lineUserId: user })).toHaveLength(1);
    expect(platform.delivered(user)).toHaveLength(1);
  });

  test("a user's events are answered one at a time, in the order LINE sent them", async () => {
    const user = newUser();
    const questions = [
      '送料はいくら',
      '定期便の周期を変えたい',
      '解約方法を教えて',
      '送料かかりますか',
      'こんにちは',
    ];
    const events = questions.map((q) => textEvent(platform, user, q));
    await postWebhook(app.url, events.slice(0, 2));
    await postWebhook(app.url, events.slice(2));
    await settled(user, questions.length);
    const replies = platform.delivered(user);
    expect(replies.map((c) => c.body.replyToken)).toEqual(events.map((e) => e.replyToken));
    const stored = await inbox().list({ lineUserId: user });
    expect(stored.map((e) => e.userSeq)).toEqual([1, 2, 3, 4, 5]);
  });

  test('an event older than its reply token is answered by push, counted, with a retry key', async () => {
    const user = newUser();
    const before = (await inbox().countSent()).push;
    await postWebhook(app.url, [
      textEvent(platform, user, '送料はいくら', { timestamp: Date.now() - 120_000 }),
    ]);
    const [event] = await settled(user, 1);
    expect(event?.sentBy).toBe('push');
    const [call] = platform.delivered(user);
    expect(call?.kind).toBe('push');
    expect(call?.retryKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect((await inbox().countSent()).push).toBe(before + 1);
  });

  test('a refused reply token falls back to a push', async () => {
    const user = newUser();
    platform.failNext('reply', 400);
    await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')]);
    const [event] = await settled(user, 1);
    expect(event?.sentBy).toBe('push');
    expect(platform.delivered(user).map((c) => c.kind)).toEqual(['push']);
  });

  test('LINE failing is retried later and answered once', async () => {
    const user = newUser();
    platform.failNext('reply', 500);
    await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')]);
    const [event] = await settled(user, 1);
    expect(event?.state).toBe('answered');
    expect(event?.attempts).toBe(2);
    expect(platform.delivered(user)).toHaveLength(1);
  });

  test('a sticker gets a polite text answer', async () => {
    const user = newUser();
    await postWebhook(app.url, [stickerEvent(platform, user)]);
    await settled(user, 1);
    expect(platform.delivered(user)[0]?.texts[0]).toContain('文字のメッセージ');
  });

  test('after an unfollow nothing more is sent to that user', async () => {
    const user = newUser();
    await postWebhook(app.url, [unfollowEvent(platform, user), textEvent(platform, user, '送料はいくら')]);
    const events = await settled(user, 2);
    expect(events.map((e) => e.state)).toEqual(['skipped', 'skipped']);
    expect(platform.calls.filter((c) => c.to === user)).toEqual([]);
  });

  test('the conversation is one per LINE user and marked as LINE', async () => {
    const user = newUser();
    await postWebhook(app.url, [textEvent(platform, user, '送料はいくら')]);
    await postWebhook(app.url, [textEvent(platform, user, 'こんにちは')]);
    await settled(user, 2);
    const conversations = await app.fastify.storage
      .database()
      .selectFrom('line_users')
      .innerJoin('conversations', 'conversations.id', 'line_users.conversation_id')
      .select(['conversations.id', 'conversations.channel'])
      .where('line_users.line_user_id', '=', user)
      .execute();
    expect(conversations).toHaveLength(1);
    expect(conversations[0]?.channel).toBe('line');
    const messages = await app.fastify.storage.listMessages(conversations[0]!.id);
    expect(messages.map((m) => [m.role, m.clientSeq])).toEqual([
      ['shopper', 1],
      ['bot', null],
      ['shopper', 2],
      ['bot', null],
    ]);
  });

  test("a handoff on LINE is the widget's: the escalation and its mail with the LINE transcript", async () => {
    const user = newUser();
    await postWebhook(app.url, [textEvent(platform, user, '人と話したい')]);
    await settled(user, 1);
    await postWebhook(app.url, [textEvent(platform, user, 'line.shopper@example.com')]);
    await settled(user, 2);
    // The summary step offers Skip as a quick reply: pressing it is a postback.
    const skip = quickRepliesOf(platform.delivered(user)[1]!).find((q) => q.data.includes('handoff.skip'));
    expect(skip).toBeDefined();
    await postWebhook(app.url, [postbackEvent(platform, user, skip!.data)]);
    await settled(user, 3);
    const done = platform.delivered(user)[2]?.texts[0] ?? '';
    const conversationId = await conversationOf(user);
    const escalations = await app.fastify.storage.listEscalations();
    const escalation = escalations.find((e) => e.conversationId === conversationId);
    expect(escalation?.email).toBe('line.shopper@example.com');
    const mail = (await app.fastify.storage.listOutbox()).find((m) => m.escalationId === escalation?.id);
    expect(mail?.text).toContain('人と話したい');
    // Staff learn from the mail that the shopper asked on LINE.
    expect(mail?.text).toMatch(/受付チャネル.*LINE（公式アカウント）/u);
    // Staff see where the shopper asked.
    const operator = await staffClient(app.fastify, 'operator');
    const listed = (await operator.call('GET', '/escalations')).body.escalations as {
      id: string;
      channel: string;
    }[];
    expect(listed.find((e) => e.id === escalation?.id)?.channel).toBe('line');
    // The shopper is told the ticket, as plain text.
    expect(done).not.toMatch(/[*[\]]/u);
    expect(done.length).toBeGreaterThan(0);
  });
});
