import { describe, expect, test } from 'vitest';
import type { HandoffRequest } from '../../../bot/handoff/handoff-flow.ts';
import { respondTurn } from '../../../server/chat/dialogue.ts';
import { type EffectsDependencies, runEffects } from '../../../server/chat/effects.ts';
import type { Conversation } from '../../../server/storage/repository.ts';
import { botReply, scriptedBot } from '../../helpers/chat-turn.ts';

const NOW = new Date('2026-12-01T03:00:00Z');
const CONVERSATION: Conversation = {
  id: 'c-1',
  tokenHash: 'h',
  locale: 'ja',
  state: { misses: 0 },
  email: 'known@example.jp',
  customerId: null,
  createdAt: NOW,
  updatedAt: NOW,
};
const ACTION = { id: 'm-1', type: 'subscription.skip' as const, orderNumber: 'A-1' };
const HANDOFF: HandoffRequest = {
  id: 'h-1',
  reason: 'change-request',
  email: 'a@example.jp',
  summary: null,
  startedAt: NOW.toISOString(),
  promise: { open: false, nextOpening: new Date('2026-12-02T01:00:00Z'), text: '' },
};

function dependencies(bot: ReturnType<typeof scriptedBot>, order: string[], ok = true): EffectsDependencies {
  return {
    bot,
    actions: {
      async execute(action, context) {
        order.push(`action:${action.id}:${context.conversationId}`);
        return ok ? { ok: true } : { ok: false, code: 'ACTION_ERR_STATUS', status: 500 };
      },
    },
    escalations: {
      async record(input) {
        order.push(`escalation:${input.handoff.id}`);
        return { escalationId: 'e', ticket: 'T-9', created: true };
      },
    },
    log: { warn: (_obj, msg) => order.push(`warn:${msg}`) },
  };
}

function turnOf(bot: ReturnType<typeof scriptedBot>) {
  return respondTurn(bot, {
    text: 'はい',
    messageId: 'm-1',
    locale: 'ja',
    state: { misses: 0 },
    email: null,
    now: NOW,
  });
}

describe('runEffects', () => {
  test("runs the action, then completes the bot's reply to its result, with the action's facts", async () => {
    const order: string[] = [];
    const bot = scriptedBot(
      () => botReply({ action: ACTION }),
      () => botReply({ markdown: 'スキップしました。' }),
    );
    const completed = await runEffects(dependencies(bot, order), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['action:m-1:c-1']);
    expect(bot.settled[0]?.email).toBe('known@example.jp');
    expect(completed).toMatchObject({
      markdown: 'スキップしました。',
      action: { id: 'm-1', type: 'subscription.skip', ok: true },
    });
  });

  test('a failed action is logged and its failure reply offers a handoff, recorded after the action', async () => {
    const order: string[] = [];
    const bot = scriptedBot(
      () => botReply({ action: ACTION }),
      () => botReply({ decision: 'handoff', markdown: '担当者に引き継ぎます。', handoff: HANDOFF }),
    );
    const completed = await runEffects(dependencies(bot, order, false), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['action:m-1:c-1', 'warn:flow action failed', 'escalation:h-1']);
    expect(completed.action).toEqual({
      id: 'm-1',
      type: 'subscription.skip',
      ok: false,
      code: 'ACTION_ERR_STATUS',
      status: 500,
    });
  });

  test('a handoff is recorded and its reply carries the ticket and the reply promise', async () => {
    const order: string[] = [];
    const bot = scriptedBot(() =>
      botReply({ decision: 'handoff', markdown: 'スタッフにつなぎます。', handoff: HANDOFF }),
    );
    const completed = await runEffects(dependencies(bot, order), turnOf(bot), CONVERSATION);
    expect(order).toEqual(['escalation:h-1']);
    expect(completed.markdown).toMatch(/^スタッフにつなぎます。\n\n.*T-9/su);
    expect(completed.handoff).toEqual({
      step: 'done',
      email: 'a@example.jp',
      ticket: 'T-9',
      open: false,
      nextOpening: '2026-12-02T01:00:00.000Z',
    });
  });

  test('a turn without effects is completed without calling anything', async () => {
    const order: string[] = [];
    const bot = scriptedBot();
    const completed = await runEffects(dependencies(bot, order), turnOf(bot), CONVERSATION);
    expect(order).toEqual([]);
    expect(completed).toEqual({
      messageId: 'm-1',
      now: NOW,
      reply: botReply(),
      markdown: botReply().markdown,
    });
  });
});
