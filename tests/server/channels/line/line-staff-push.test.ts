/**
 * Staff replies to LINE users (line-staff-push.ts through the console's reply route), against the LINE
 * stand-in: pushed with a retry key from the reply's id while the user follows, nothing stored when
 * LINE refuses the push, by mail once the user unfollowed, and the user's answer re-opens the
 * resolved escalation.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { retryKeyOf } from '../../../../server/channels/line/line-sender.ts';
import { staffReplyMessages } from '../../../../server/channels/line/line-staff-push.ts';
import { type ConsoleClient, staffClient } from '../../../helpers/console-client.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  postbackEvent,
  postWebhook,
  quickRepliesOf,
  textEvent,
  unfollowEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import { sampleValue } from '../../../helpers/prometheus-text.ts';
import { startTestApp, type TestApp } from '../../../helpers/test-app.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

const USER = `U${'7'.repeat(32)}`;
const METRICS_TOKEN = 'staff-push-metrics-token-0123456789';

describe('staff replies on LINE', () => {
  let platform: LinePlatformStandIn;
  let app: TestApp;
  let operator: ConsoleClient;
  let escalationId: string;
  let conversationId: string;
  let events = 0;

  /** Posts one event of USER and waits until the worker has settled it. */
  async function post(event: object): Promise<void> {
    events += 1;
    await postWebhook(app.url, [event]);
    const expected = events;
    await waitFor(async () => {
      const stored = await app.fastify.lineChannel!.inbox.list({ lineUserId: USER });
      return stored.length === expected && stored.every((e) => e.state !== 'pending') ? true : undefined;
    }, `${expected} settled events`);
  }

  /** Pushes counted so far (`shopbot_line_sends_total{method="push"}`). */
  async function pushesCounted(): Promise<number> {
    const response = await app.fastify.inject({
      method: 'GET',
      url: '/metrics',
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    return sampleValue(response.body, 'shopbot_line_sends_total', { method: 'push' }) ?? 0;
  }

  const staffLines = async () =>
    (await app.fastify.storage.listMessages(conversationId)).filter((m) => m.role === 'staff');

  beforeAll(async () => {
    platform = await new LinePlatformStandIn().start();
    app = await startTestApp({ env: { ...lineEnv(platform), METRICS_TOKEN } });
    operator = await staffClient(app.fastify, 'operator');
    await post(textEvent(platform, USER, '人と話したい'));
    await post(textEvent(platform, USER, 'line.shopper@example.com'));
    const skip = quickRepliesOf(platform.delivered(USER)[1]!).find((q) => q.data.includes('handoff.skip'));
    await post(postbackEvent(platform, USER, skip!.data));
    const escalation = (await app.fastify.storage.listEscalations())[0]!;
    escalationId = escalation.id;
    conversationId = escalation.conversationId;
  });
  afterAll(async () => {
    await app.close();
    await platform.stop();
  });

  test('a reply is pushed once, labelled as staff, with a retry key from its id', async () => {
    const pushesBefore = platform.delivered(USER).filter((c) => c.kind === 'push').length;
    const countedBefore = await pushesCounted();
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      text: 'ご連絡ありがとうございます。担当の佐藤です。',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ via: 'line', fallback: false, mail: null });
    expect(response.body.message).toMatchObject({ role: 'staff', staff: { channel: 'line' } });
    const pushes = platform.delivered(USER).filter((c) => c.kind === 'push');
    expect(pushes).toHaveLength(pushesBefore + 1);
    const push = pushes.at(-1)!;
    expect(push.texts).toEqual([
      '【ショップスタッフからのご返信】\nご連絡ありがとうございます。担当の佐藤です。',
    ]);
    expect(push.retryKey).toBe(retryKeyOf(`staff-reply:${response.body.message.id}`));
    expect(await pushesCounted()).toBe(countedBefore + 1);
    expect((await staffLines()).map((m) => m.id)).toContain(response.body.message.id);
  });

  test('a push LINE refuses stores nothing and says so', async () => {
    const before = (await staffLines()).length;
    platform.failNext('push', 500);
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      text: '届かない返信',
    });
    expect(response.status).toBe(502);
    expect(response.body.code).toBe('CONSOLE_ERR_LINE_PUSH_FAILED');
    expect(await staffLines()).toHaveLength(before);
  });

  test("the user's answer re-opens the resolved escalation", async () => {
    expect((await operator.call('POST', `/escalations/${escalationId}/resolve`)).body.status).toBe(
      'resolved',
    );
    await post(textEvent(platform, USER, 'ありがとうございます'));
    expect((await operator.call('GET', `/escalations/${escalationId}`)).body.escalation.status).toBe('open');
  });

  test('after an unfollow the reply goes by mail', async () => {
    await post(unfollowEvent(platform, USER));
    const pushesBefore = platform.delivered(USER).filter((c) => c.kind === 'push').length;
    const response = await operator.call('POST', `/escalations/${escalationId}/reply`, {
      text: 'メールでご連絡します。',
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      via: 'mail',
      fallback: true,
      message: null,
      mail: { to: 'line.shopper@example.com' },
    });
    expect(platform.delivered(USER).filter((c) => c.kind === 'push')).toHaveLength(pushesBefore);
  });

  test('a long reply is split into LINE’s 5,000-character messages', () => {
    const messages = staffReplyMessages('あ'.repeat(12_000), 'ja');
    expect(messages.map((m) => [...m.text].length)).toEqual([5000, 5000, 12_000 + 17 - 10_000]);
  });
});
