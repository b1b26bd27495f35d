import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createMailRelay,
  describeError,
  type MailRelay,
  type MailRelayOptions,
  retryDelayMs,
} from '../../../server/mail/mail-relay.ts';
import { assertSafeAddresses, type MailSender } from '../../../server/mail/smtp-sender.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';
import type { OutboxMail, Storage } from '../../../server/storage/repository.ts';
import { queuedMailAt } from '../../helpers/chat-rows.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const T0 = Date.parse('2026-11-24T11:00:00.000Z');
const SECOND = 1000;
const HOUR = 3600 * SECOND;

/** A sender that records what it sent and fails while `failing` is set. */
class FakeSender implements MailSender {
  sent: OutboxMail[] = [];
  attempts = 0;
  failing: Error | undefined;
  /** When set, send waits for it (a send in flight). */
  gate: Promise<void> | undefined;

  async send(mail: OutboxMail): Promise<void> {
    this.attempts++;
    assertSafeAddresses(mail);
    await this.gate;
    if (this.failing) throw this.failing;
    this.sent.push(mail);
  }

  close(): void {}
}

function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(`Mail command failed: ${code} ${text}`), {
    code: 'EENVELOPE',
    responseCode: code,
    response: `${code} ${text}`,
  });
}

describe('mail relay', () => {
  let dir: string;
  let storage: Storage;
  let clock: number;
  let sender: FakeSender;
  let relay: MailRelay | undefined;
  const logs: { level: string; msg: string; obj: object }[] = [];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-relay-'));
    storage = await openStorage({ dataDir: dir });
    clock = T0;
    sender = new FakeSender();
    logs.length = 0;
  });
  afterEach(async () => {
    await relay?.stop();
    relay = undefined;
    await storage.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function makeRelay(overrides: Partial<MailRelayOptions> = {}): MailRelay {
    const log = (level: string) => (obj: object, msg: string) => logs.push({ level, msg, obj });
    relay = createMailRelay({
      storage,
      sender,
      log: { info: log('info'), warn: log('warn'), error: log('error') },
      now: () => new Date(clock),
      retryBaseMs: 30 * SECOND,
      retryMaxMs: HOUR,
      failAfterMs: 72 * HOUR,
      leaseMs: 300 * SECOND,
      pollMs: 10 * SECOND,
      ...overrides,
    });
    return relay;
  }

  /** Queues one handoff mail, due now. */
  function queue(extra: { replyTo?: string } = {}): Promise<string> {
    return queuedMailAt(storage, new Date(clock), extra);
  }

  async function row(id: string): Promise<OutboxMail> {
    return (await storage.listOutbox()).find((m) => m.id === id)!;
  }

  test('sends a due mail and marks it sent', async () => {
    const id = await queue();
    expect(await makeRelay().runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sender.sent.map((m) => m.id)).toEqual([id]);
    expect(await row(id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      sentAt: new Date(T0),
      leaseExpiresAt: null,
    });
  });

  test('reports the send time, the queue delay and each failure to its metrics', async () => {
    const sent: [number, number][] = [];
    const failed: string[] = [];
    const metrics = {
      mailSent: (sendSeconds: number, queuedSeconds: number) => sent.push([sendSeconds, queuedSeconds]),
      mailFailed: (outcome: 'retry' | 'failed') => failed.push(outcome),
    };
    await queue();
    clock += 90 * SECOND;
    sender.failing = smtpError(451, 'try later');
    await makeRelay({ metrics }).runOnce();
    expect(failed).toEqual(['retry']);
    expect(sent).toEqual([]);
    sender.failing = undefined;
    clock += HOUR;
    await relay!.runOnce();
    expect(sent).toHaveLength(1);
    // Queued at T0, accepted 90 s + 1 h later (the clock the relay was given).
    expect(sent[0]![1]).toBe(90 + 3600);
    expect(sent[0]![0]).toBeGreaterThanOrEqual(0);
  });

  test('retries with exponential backoff from the base delay up to the maximum', async () => {
    const id = await queue();
    sender.failing = smtpError(421, '4.3.2 Service not available');
    const r = makeRelay({ retryBaseMs: 30 * SECOND, retryMaxMs: 240 * SECOND });
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      expect(await r.runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
      const next = (await row(id)).nextAttemptAt.getTime();
      delays.push((next - clock) / SECOND);
      clock = next;
    }
    expect(delays).toEqual([30, 60, 120, 240, 240, 240]);
    expect(await row(id)).toMatchObject({
      status: 'pending',
      attempts: 6,
      lastError: 'EENVELOPE 421 421 4.3.2 Service not available',
    });
  });

  test('does not try a mail again before its retry is due', async () => {
    const id = await queue();
    sender.failing = smtpError(421, 'busy');
    const r = makeRelay();
    await r.runOnce();
    clock += 29 * SECOND;
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(sender.attempts).toBe(1);
    clock += SECOND;
    sender.failing = undefined;
    expect(await r.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('marks a mail failed only once MAIL_FAIL_AFTER_HOURS have passed since its first attempt', async () => {
    const id = await queue();
    sender.failing = smtpError(421, 'busy');
    const r = makeRelay({ retryBaseMs: HOUR, retryMaxMs: 10 * HOUR, failAfterMs: 72 * HOUR });
    for (;;) {
      const result = await r.runOnce();
      const mail = await row(id);
      if (result.failed === 1) {
        expect(clock - T0).toBeGreaterThanOrEqual(72 * HOUR);
        expect(mail).toMatchObject({ status: 'failed', firstAttemptAt: new Date(T0) });
        break;
      }
      expect(mail.status).toBe('pending');
      clock = mail.nextAttemptAt.getTime();
    }
    expect(logs.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
      'handoff mail failed for good; it stays in the outbox as failed',
    ]);
    clock += 1000 * HOUR;
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  test('counts the fail-after time from the first attempt, not from queueing', async () => {
    // Queued long before SMTP was configured: the first failure must not fail it at once.
    const id = await queue();
    clock += 500 * HOUR;
    sender.failing = smtpError(421, 'busy');
    expect(await makeRelay().runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await row(id)).status).toBe('pending');
  });

  test('stops a run at the first failure, so an outage costs one attempt per poll', async () => {
    await queue();
    await queue();
    await queue();
    sender.failing = new Error('connect ECONNREFUSED 127.0.0.1:25');
    expect(await makeRelay().runOnce()).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(sender.attempts).toBe(1);
    sender.failing = undefined;
    expect(await relay!.runOnce()).toEqual({ sent: 2, retried: 0, failed: 0 });
  });

  test('retries a mail a dead relay left sending once its lease has expired', async () => {
    const id = await queue();
    // A relay claimed it and died before settling.
    await storage.claimDueMail({
      now: new Date(clock),
      leaseUntil: new Date(clock + 300 * SECOND),
      limit: 1,
    });
    const r = makeRelay();
    expect(await r.runOnce()).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock += 300 * SECOND;
    expect(await r.runOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  test('never sends a stored mail whose Reply-To could inject a header; fails it at once', async () => {
    const unsafe = await queue({ replyTo: 'a@b.example\r\nBcc: victim@example.com' });
    const safe = await queue();
    expect(await makeRelay().runOnce()).toEqual({ sent: 1, retried: 0, failed: 1 });
    expect(sender.sent.map((m) => m.id)).toEqual([safe]);
    expect(await row(unsafe)).toMatchObject({
      status: 'failed',
      lastError: 'MAIL_ERR_UNSAFE_HEADER Reply-To is not a single valid address; the mail was not sent',
    });
  });

  test('stop waits for the mail being sent and claims no other', async () => {
    const first = await queue();
    // Due a second later, so the claim order is known.
    clock += SECOND;
    await queue();
    let release = () => {};
    sender.gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const r = makeRelay();
    const run = r.runOnce();
    await waitFor(() => sender.attempts === 1, 'the first send to start');
    const stopped = r.stop();
    release();
    await stopped;
    expect(await run).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(sender.sent.map((m) => m.id)).toEqual([first]);
    expect((await storage.listOutbox({ status: 'pending' })).length).toBe(1);
  });

  test('once started, a wake sends newly queued mail without waiting for the poll', async () => {
    let claims = 0;
    const counting: Storage = Object.assign(Object.create(storage) as Storage, {
      claimDueMail: (options: Parameters<Storage['claimDueMail']>[0]) => {
        claims++;
        return storage.claimDueMail(options);
      },
    });
    const r = makeRelay({ pollMs: HOUR, storage: counting });
    r.start();
    await waitFor(() => claims === 1, 'the first run at start (nothing due)');
    const id = await queue();
    r.wake();
    await waitFor(() => sender.sent.length === 1, 'the woken run to send');
    expect(sender.sent[0]!.id).toBe(id);
  });
});

describe('retryDelayMs', () => {
  test.each([
    { attempt: 1, delay: 30 },
    { attempt: 2, delay: 60 },
    { attempt: 5, delay: 480 },
    { attempt: 8, delay: 3600 },
    { attempt: 5000, delay: 3600 },
  ])('after attempt $attempt waits $delay s', ({ attempt, delay }) => {
    expect(retryDelayMs(attempt, { retryBaseMs: 30 * SECOND, retryMaxMs: HOUR })).toBe(delay * SECOND);
  });
});

describe('describeError', () => {
  test('keeps the code, the SMTP reply code and the reply', () => {
    expect(describeError(smtpError(550, '5.1.1 mailbox unavailable'))).toBe(
      'EENVELOPE 550 550 5.1.1 mailbox unavailable',
    );
  });

  test('cuts very long errors', () => {
    expect(describeError(new Error('x'.repeat(5000)))).toHaveLength(1000);
  });
});
