/**
 * Fixtures for the chat turn's steps (tests/server/chat/): a bot that answers from a script, a SQLite
 * storage in a temp directory whose calls are recorded in order, with the frames sent, and the
 * dependencies of a session built from them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { NluResult } from '../../bot/nlu/intent-engine.ts';
import type { Locale } from '../../bot/nlu/types.ts';
import type { Bot, BotReply, RespondInput, SettleInput } from '../../bot/respond.ts';
import type { ChatDependencies } from '../../server/chat/chat-dependencies.ts';
import type { ServerFrame } from '../../server/schemas/protocol.ts';
import { openStorage } from '../../server/storage/open-storage.ts';
import type { Storage } from '../../server/storage/repository.ts';
import { SHOP_CALENDAR } from '../bot/calendar/fixtures.ts';

/** A bot reply with plain defaults: a confident answer in Japanese, no effects. */
export function botReply(overrides: Partial<BotReply> = {}): BotReply {
  return {
    decision: 'answer',
    reason: null,
    intent: 'shipping.fee',
    score: 0.9,
    locale: 'ja',
    markdown: '送料は全国一律500円です。',
    quickReplies: [],
    state: { misses: 0 },
    ...overrides,
  };
}

/** An engine result answering `intent` with `score` for `text` in `locale`. */
export function nluResult(text: string, locale: Locale, intent = 'shipping.fee', score = 0.9): NluResult {
  return {
    text,
    locale,
    decision: { decision: 'answer', intent, score, candidates: [{ intent, score }] },
    ranked: [{ intent, score }],
    nearestInScope: { intent, score },
    nearestNone: 0,
    contentWords: 1,
    knownContentWords: 1,
    clauses: 0,
    decidingClause: null,
    otherCompany: null,
  };
}

/** A bot answering from functions, recording what it was asked. */
export function scriptedBot(
  respond: (input: RespondInput) => BotReply = () => botReply(),
  settle: (input: SettleInput) => BotReply = () => botReply({ markdown: 'done' }),
): Bot & { asked: RespondInput[]; settled: SettleInput[] } {
  const asked: RespondInput[] = [];
  const settled: SettleInput[] = [];
  return {
    asked,
    settled,
    respond(input) {
      asked.push(input);
      return respond(input);
    },
    settle(input) {
      settled.push(input);
      return settle(input);
    },
    initialState: () => ({ misses: 0 }),
  };
}

/** One thing that happened, in order: a storage call finishing, or a frame sent. */
export type Event = { kind: 'stored'; method: string } | { kind: 'sent'; frame: ServerFrame };

/** A SQLite storage whose finished calls are recorded into `events`, with its cleanup. */
export async function recordedStorage(
  events: Event[],
): Promise<{ storage: Storage; close(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shop-bot-chat-turn-'));
  const inner = await openStorage({ dataDir: dir, sqliteSynchronous: 'normal' });
  const storage = new Proxy(inner, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return async (...args: unknown[]) => {
        const result: unknown = await value.apply(target, args);
        events.push({ kind: 'stored', method: property });
        return result;
      };
    },
  });
  return {
    storage,
    async close() {
      await inner.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The storage calls and frame types of `events`, as short strings (`store:appendExchange`, `send:ack`). */
export function trace(events: readonly Event[]): string[] {
  return events.map((e) => (e.kind === 'stored' ? `store:${e.method}` : `send:${e.frame.type}`));
}

/** The frames among `events`. */
export function sentFrames(events: readonly Event[]): ServerFrame[] {
  return events.flatMap((e) => (e.kind === 'sent' ? [e.frame] : []));
}

/** A session's dependencies over `storage` and `bot`: no limits, a fixed clock, no-op effects. */
export function chatDependencies(
  storage: Storage,
  bot: Bot | undefined,
  overrides: Partial<ChatDependencies> = {},
): ChatDependencies {
  return {
    storage,
    model: () =>
      bot && {
        bot,
        predict: async (text, locale) => nluResult(text, locale),
      },
    now: () => new Date('2026-12-01T03:00:00Z'),
    calendar: SHOP_CALENDAR,
    escalations: {
      record: async () => ({ escalationId: 'e', ticket: 'T-0001', created: true }),
    },
    maxTextLength: 200,
    log: { warn() {}, error() {} },
    ...overrides,
  };
}
