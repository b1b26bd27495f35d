import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HandoffRequest } from '../../../bot/handoff/handoff-flow.ts';
import {
  createEscalationService,
  type EscalationSettings,
  escalationIdFor,
} from '../../../server/mail/escalation-service.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';
import type { Conversation, Storage } from '../../../server/storage/repository.ts';
import { KUROZU_SNAPSHOT } from '../../helpers/shopper-fixtures.ts';

const NOW = new Date('2026-11-24T11:00:00.000Z');
const QUEUED = new Date('2026-11-23T05:00:00.000Z');

const SETTINGS: EscalationSettings = {
  shopName: { ja: 'テスト店', en: 'Test Shop' },
  supportEmail: 'support@shop.example',
  mailFrom: 'bot@mail.shop.example',
  timeZone: 'Asia/Tokyo',
  publicUrl: undefined,
  staffLocale: 'ja',
  copyToShopper: false,
  smtpConfigured: true,
};

const HANDOFF: HandoffRequest = {
  id: '0b0e0000-0000-4000-8000-000000000001',
  reason: 'user-requested',
  email: 'hanako@example.jp',
  summary: '解約したい',
  startedAt: '2026-11-24T10:58:00.000Z',
  promise: { open: false, nextOpening: new Date('2026-11-25T01:00:00Z'), text: '翌営業日に返信します。' },
};

describe('escalation service', () => {
  let dir: string;
  let storage: Storage;
  let conversation: Conversation;
  let logs: { obj: Record<string, unknown>; msg: string }[];
  let wakes: number;

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-escalation-'));
    storage = await openStorage({ dataDir: dir });
    conversation = await storage.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale: 'ja',
      createdAt: NOW,
    });
    await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: conversation.id,
      clientSeq: 1,
      text: '人と話したい',
      createdAt: NOW,
    });
    logs = [];
    wakes = 0;
  });
  afterEach(async () => {
    await storage.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function service(settings: Partial<EscalationSettings> = {}) {
    return createEscalationService({
      storage,
      settings: { ...SETTINGS, ...settings },
      log: { info: (obj, msg) => logs.push({ obj: obj as Record<string, unknown>, msg }) },
      onQueued: () => {
        wakes++;
      },
      mailClock: () => QUEUED,
    });
  }

  const input = () => ({
    conversation,
    handoff: HANDOFF,
    intent: 'human_agent',
    score: 0.93,
    locale: 'ja' as const,
    now: NOW,
  });

  test('records the escalation and its mail together, named by the conversation and the handoff start', async () => {
    const recorded = await service().record(input());
    const id = escalationIdFor(conversation.id, HANDOFF.id);
    expect(recorded).toEqual({
      escalationId: id,
      ticket: id.replace(/-/gu, '').slice(0, 8).toUpperCase(),
      created: true,
    });
    expect(await storage.getEscalation(id)).toEqual({
      id,
      conversationId: conversation.id,
      reason: 'user-requested',
      intent: 'human_agent',
      score: 0.93,
      email: 'hanako@example.jp',
      summary: '解約したい',
      // An anonymous conversation: no customer to name, no subscriptions.
      customerId: null,
      subscriptions: null,
      createdAt: NOW,
      status: 'open',
    });
    const [mail] = await storage.listOutbox();
    expect(mail).toMatchObject({
      escalationId: id,
      to: 'support@shop.example',
      replyTo: 'hanako@example.jp',
      messageId: `<${id}@mail.shop.example>`,
      status: 'pending',
      nextAttemptAt: QUEUED,
    });
    expect(mail!.text).toContain('#1 お客様: 人と話したい');
    expect(wakes).toBe(1);
  });

  test('a verified conversation keeps the subscriptions as they were at handoff, and mails them', async () => {
    expect(await storage.bindCustomer(conversation.id, 'demo-taro', NOW)).toBe(true);
    const bound = (await storage.getConversation(conversation.id))!;
    const subscriptions = [KUROZU_SNAPSHOT];
    const recorded = await service().record({ ...input(), conversation: bound, subscriptions });
    expect(await storage.getEscalation(recorded.escalationId)).toMatchObject({
      customerId: 'demo-taro',
      subscriptions,
    });
    const [mail] = await storage.listOutbox();
    expect(mail!.text).toContain('熟成黒酢カプセル 90粒 × 1 · 2ヶ月ごと · 次回 2026-12-18 · お届け中');
  });

  test('an anonymous conversation keeps no subscriptions, whatever it is handed', async () => {
    const recorded = await service().record({
      ...input(),
      subscriptions: [
        {
          id: 'x',
          productName: 'x',
          quantity: 1,
          interval: { unit: 'month', count: 1 },
          status: 'active',
          nextDeliveryDate: null,
        },
      ],
    });
    expect((await storage.getEscalation(recorded.escalationId))?.subscriptions).toBeNull();
  });

  test('recording the same handoff again writes and queues nothing', async () => {
    const first = await service().record(input());
    const again = await service().record({ ...input(), now: new Date(NOW.getTime() + 5000) });
    expect(again).toEqual({ ...first, created: false });
    expect(await storage.listOutbox()).toHaveLength(1);
    expect(wakes).toBe(1);
  });

  test('escalation ids are UUIDs that differ per conversation and per handoff', () => {
    const a = escalationIdFor(conversation.id, HANDOFF.id);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(escalationIdFor(conversation.id, randomUUID())).not.toBe(a);
    expect(escalationIdFor(randomUUID(), HANDOFF.id)).not.toBe(a);
  });

  test('logs each queued mail by its id, never its addresses or text, with or without SMTP', async () => {
    await service({ smtpConfigured: true }).record(input());
    expect(logs).toHaveLength(1);
    expect(logs[0]!.msg).toBe('handoff mail queued');
    expect(logs[0]!.obj.text).toBeUndefined();

    logs.length = 0;
    await service({ smtpConfigured: false }).record({
      ...input(),
      handoff: { ...HANDOFF, id: randomUUID() },
    });
    expect(logs).toHaveLength(1);
    expect(logs[0]!.msg).toContain('SMTP_URL is not set');
    const [queued] = await storage.listOutbox();
    expect(logs[0]!.obj.mailId).toEqual(expect.any(String));
    expect(queued).toBeDefined();
    // A deleted shopper must not live on in the log: no address, no transcript.
    const line = JSON.stringify(logs[0]);
    expect(line).not.toContain('hanako@example.jp');
    expect(line).not.toContain('人と話したい');
  });

  test('queues a copy for the shopper when the shop config asks for one', async () => {
    await service({ copyToShopper: true }).record(input());
    const outbox = await storage.listOutbox();
    expect(outbox.map((m) => [m.to, m.replyTo, m.envelopeTo]).sort()).toEqual([
      ['support@shop.example', 'hanako@example.jp', null],
      ['support@shop.example', 'support@shop.example', 'hanako@example.jp'],
    ]);
  });
});
