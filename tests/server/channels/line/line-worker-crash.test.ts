/**
 * Crash safety of the LINE channel (server/channels/line/line-worker.ts), tested as the chat's is
 * (tests/soak/crash-safety.test.ts): the app runs as a child process, is killed with SIGKILL between
 * storing an event and answering it, and restarted on the same data directory: every event is answered
 * exactly once — by reply while its token is fresh, by a counted push once it has expired.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { LineInboxStore } from '../../../../server/channels/line/line-inbox-store.ts';
import { openStorage } from '../../../../server/storage/open-storage.ts';
import { type AppProcess, spawnApp } from '../../../helpers/app-process-control.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  postWebhook,
  textEvent,
} from '../../../helpers/line-platform-stand-in.ts';
import { waitFor } from '../../../helpers/wait-for.ts';

let platform: LinePlatformStandIn;
let dataDir: string;
let running: AppProcess | undefined;

async function start(): Promise<AppProcess> {
  running = await spawnApp({ ...lineEnv(platform), DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  return running;
}

/** What the database holds once the app is down: the user's events and their transcript. */
async function stored(user: string) {
  const storage = await openStorage({ dataDir });
  try {
    const inbox = new LineInboxStore(() => storage.database(), storage.dialect);
    const events = await inbox.list({ lineUserId: user });
    const row = await storage
      .database()
      .selectFrom('line_users')
      .select('conversation_id')
      .where('line_user_id', '=', user)
      .executeTakeFirst();
    const messages = row?.conversation_id ? await storage.listMessages(row.conversation_id) : [];
    return { events, messages, sent: await inbox.countSent() };
  } finally {
    await storage.close();
  }
}

beforeAll(async () => {
  platform = await new LinePlatformStandIn().start();
});

afterEach(async () => {
  await running?.kill();
  running = undefined;
  platform.calls.length = 0;
  platform.clearFailures();
});

afterAll(async () => {
  await platform.stop();
});

describe('LINE worker crash safety', () => {
  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'line-crash-'));
  });
  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  test('kill -9 between storing an event and replying: answered once, by reply, after restart', async () => {
    const user = 'U00000000000000000000000000crash1';
    // LINE fails the first reply: the answer is stored and rendered, but not delivered, when the kill comes.
    platform.failNext('reply', 500, 1);
    const first = await start();
    const event = textEvent(platform, user, '送料はいくら');
    expect((await postWebhook(first.url, [event])).status).toBe(200);
    await waitFor(
      () => platform.calls.some((c) => c.kind === 'reply' && c.status === 500),
      'the failed reply',
    );
    await first.kill();
    expect(platform.delivered(user)).toEqual([]);

    await start();
    await waitFor(() => platform.delivered(user).length > 0, 'the reply after restart');
    // Time for a second answer to show up, were there one.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await running?.kill();

    const delivered = platform.delivered(user);
    expect(delivered.map((c) => [c.kind, c.body.replyToken])).toEqual([['reply', event.replyToken]]);
    expect(delivered[0]?.texts[0]).toMatch(/^送料は/u);
    const { events, messages } = await stored(user);
    expect(events.map((e) => [e.state, e.sentBy])).toEqual([['answered', 'reply']]);
    // The turn was stored once: one question, one answer.
    expect(messages.map((m) => m.role)).toEqual(['shopper', 'bot']);
  }, 120_000);

  test('kill -9 while answers wait, restart after their tokens expired: each pushed once and counted', async () => {
    const user = 'U00000000000000000000000000crash2';
    platform.failNext('reply', 500, 1);
    const first = await start();
    // The events are 48 s old: their tokens are fresh now and stale after the restart.
    const events = ['送料はいくら', 'こんにちは'].map((text) =>
      textEvent(platform, user, text, { timestamp: Date.now() - 48_000 }),
    );
    expect((await postWebhook(first.url, events)).status).toBe(200);
    await waitFor(
      () => platform.calls.some((c) => c.kind === 'reply' && c.status === 500),
      'the failed reply',
    );
    await first.kill();
    await new Promise((resolve) => setTimeout(resolve, 2500));

    await start();
    await waitFor(() => platform.delivered(user).length >= 2, 'both answers after restart');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await running?.kill();

    const delivered = platform.delivered(user);
    expect(delivered.map((c) => c.kind)).toEqual(['push', 'push']);
    expect(delivered[0]?.texts[0]).toMatch(/^送料は/u);
    const stored2 = await stored(user);
    expect(stored2.events.map((e) => [e.userSeq, e.state, e.sentBy])).toEqual([
      [1, 'answered', 'push'],
      [2, 'answered', 'push'],
    ]);
    expect(stored2.sent.push).toBe(2);
    expect(stored2.messages.map((m) => m.role)).toEqual(['shopper', 'bot', 'shopper', 'bot']);
  }, 120_000);

  test("kill -9 right after the webhook stored many users' events: each answered once, in order", async () => {
    const users = ['a', 'b', 'c', 'd'].map((u) => `U0000000000000000000000000crash3${u}`);
    const first = await start();
    const questions = ['送料はいくら', 'こんにちは', '定期便の周期を変えたい'];
    const events = users.map((user) => questions.map((q) => textEvent(platform, user, q)));
    const answers = await Promise.all(events.map((own) => postWebhook(first.url, own)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // Some events may be answered already, some in the middle of their turn or send, some untouched.
    await first.kill();

    await start();
    await waitFor(
      () => users.every((user) => platform.delivered(user).length >= questions.length),
      'every event answered after restart',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await running?.kill();
    for (const [index, user] of users.entries()) {
      const tokens = platform.delivered(user).map((c) => c.body.replyToken);
      expect(tokens).toEqual(events[index]!.map((e) => e.replyToken));
      const { events: storedEvents, messages } = await stored(user);
      expect(storedEvents.map((e) => e.state)).toEqual(['answered', 'answered', 'answered']);
      expect(messages.map((m) => m.role)).toEqual(['shopper', 'bot', 'shopper', 'bot', 'shopper', 'bot']);
    }
  }, 120_000);
});
