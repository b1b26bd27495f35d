/**
 * The handoff limit around the escalation service, on real SQLite storage: a flood client's mails get
 * slots one CLIENT_HANDOFFS_PER_MINUTE interval apart, so another shopper's mail is claimed first; a
 * refused handoff records nothing, and only the first refusal of a flood queues an alert.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { HandoffRequest } from '../../../bot/handoff/handoff-flow.ts';
import { parseEnv } from '../../../server/config/load-config.ts';
import { ChatLimitError } from '../../../server/limits/chat-limit-error.ts';
import { clientLimitRules, createClientLimits } from '../../../server/limits/client-limits.ts';
import { gateEscalations } from '../../../server/limits/handoff-gate.ts';
import { MemoryLimitStore } from '../../../server/limits/limit-store.ts';
import { createEscalationService } from '../../../server/mail/escalation-service.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';
import type { Storage } from '../../../server/storage/repository.ts';

const T0 = new Date('2026-11-24T02:00:00.000Z');
const FLOOD_IP = '203.0.113.66';
const SHOPPER_IP = '198.51.100.7';

describe('gateEscalations', () => {
  let dir: string;
  let storage: Storage;
  let nowMs: number;
  let alerts: string[];
  /** Each recorded escalation's conversation and handoff, to record the same handoff again. */
  const recorded = new Map<string, { conversationId: string; handoffId: string }>();

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-gate-'));
    storage = await openStorage({ dataDir: dir });
    nowMs = T0.getTime();
    alerts = [];
  });
  afterEach(async () => {
    await storage.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  function gate(env: Record<string, string>) {
    const limits = createClientLimits({
      store: new MemoryLimitStore(),
      rules: clientLimitRules(parseEnv({ DATA_DIR: dir, ...env })),
      log: { warn: () => undefined },
      clock: () => nowMs,
    });
    const escalations = createEscalationService({
      storage,
      settings: {
        shopName: { ja: 'テスト店', en: 'Test Shop' },
        supportEmail: 'support@shop.example',
        mailFrom: 'bot@shop.example',
        timeZone: 'Asia/Tokyo',
        publicUrl: undefined,
        staffLocale: 'ja',
        copyToShopper: false,
        smtpConfigured: true,
      },
      log: { info: () => undefined },
      onQueued: () => undefined,
      mailClock: () => new Date(nowMs),
    });
    return (ip: string) =>
      gateEscalations({
        escalations,
        storage,
        limits,
        ip,
        alert: async (alertIp) => {
          alerts.push(alertIp);
        },
        refused: () => undefined,
        log: { error: () => undefined },
        mailClock: () => new Date(nowMs),
      });
  }

  /** Records one handoff (of a new conversation, or `again` the same one) through `service`; returns the escalation id. */
  async function handoff(
    service: ReturnType<ReturnType<typeof gate>>,
    again?: { conversationId: string; handoffId: string },
  ): Promise<string> {
    const conversation =
      (again && (await storage.getConversation(again.conversationId))) ||
      (await storage.createConversation({
        id: randomUUID(),
        tokenHash: randomBytes(32).toString('hex'),
        locale: 'ja',
        createdAt: new Date(nowMs),
      }));
    const request: HandoffRequest = {
      id: again?.handoffId ?? randomUUID(),
      reason: 'user-requested',
      email: 'someone@example.jp',
      summary: null,
      startedAt: new Date(nowMs).toISOString(),
      promise: { open: true, nextOpening: null, text: '2時間以内を目安にご返信します。' },
    };
    const result = await service.record({
      conversation,
      handoff: request,
      intent: 'human_agent',
      score: 1,
      locale: 'ja',
      now: new Date(nowMs),
    });
    recorded.set(result.escalationId, { conversationId: conversation.id, handoffId: request.id });
    return result.escalationId;
  }

  test("a real shopper's mail is claimed before the rest of a flood's", async () => {
    const forIp = gate({ CLIENT_HANDOFFS_PER_MINUTE: '2', CLIENT_HANDOFFS_BURST: '5' });
    const flood = [];
    for (let i = 0; i < 4; i++) flood.push(await handoff(forIp(FLOOD_IP)));
    const shopper = await handoff(forIp(SHOPPER_IP));
    const claim = (atMs: number) =>
      // A lease longer than the test: claimed mail stays claimed.
      storage.claimDueMail({ now: new Date(atMs), leaseUntil: new Date(atMs + 3_600_000), limit: 10 });
    const first = await claim(nowMs);
    // Both due at once (in id order): the shopper's mail does not wait behind the flood's.
    expect(first.map((m) => m.escalationId).sort()).toEqual([flood[0], shopper].sort());
    // One flood mail per 30 s (2 a minute) after that.
    expect((await claim(nowMs + 29_999)).map((m) => m.escalationId)).toEqual([]);
    expect((await claim(nowMs + 30_000)).map((m) => m.escalationId)).toEqual([flood[1]]);
    expect((await claim(nowMs + 90_000)).map((m) => m.escalationId)).toEqual([flood[2], flood[3]]);
  });

  test('over the limit nothing is recorded, and a flood queues one alert', async () => {
    const forIp = gate({ CLIENT_HANDOFFS_PER_MINUTE: '1', CLIENT_HANDOFFS_BURST: '1' });
    await handoff(forIp(FLOOD_IP));
    for (let i = 0; i < 10; i++) {
      await expect(handoff(forIp(FLOOD_IP))).rejects.toMatchObject({
        constructor: ChatLimitError,
        code: 'CHAT_ERR_HANDOFF_RATE_LIMITED',
      });
    }
    expect(await storage.listEscalations()).toHaveLength(1);
    expect(alerts).toEqual([FLOOD_IP]);
    // After CLIENT_FLOOD_ALERT_MINUTES (60), a flood still going on alerts again.
    nowMs += 60 * 60_000;
    await handoff(forIp(FLOOD_IP));
    await expect(handoff(forIp(FLOOD_IP))).rejects.toBeInstanceOf(ChatLimitError);
    expect(alerts).toEqual([FLOOD_IP, FLOOD_IP]);
  });

  test('a retried handoff that was recorded is answered again without counting', async () => {
    const forIp = gate({ CLIENT_HANDOFFS_PER_MINUTE: '1', CLIENT_HANDOFFS_BURST: '1' });
    const service = forIp(FLOOD_IP);
    const id = await handoff(service);
    const again = recorded.get(id)!;
    expect(await handoff(service, again)).toBe(id);
    expect(await handoff(service, again)).toBe(id);
    expect(alerts).toEqual([]);
    expect(await storage.listEscalations()).toHaveLength(1);
  });
});
