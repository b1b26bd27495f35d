import { describe, expect, test } from 'vitest';
import type { HandoffRequest, HandoffStep } from '../../../bot/handoff/handoff-flow.ts';
import { askInfo, completedAsIs, effectsOf, hasEffects, type Turn } from '../../../server/chat/turn.ts';
import { botReply } from '../../helpers/chat-turn.ts';

const NOW = new Date('2026-12-01T03:00:00Z');
const HANDOFF: HandoffRequest = {
  id: 'h',
  reason: 'user-requested',
  email: 'a@example.jp',
  summary: null,
  startedAt: NOW.toISOString(),
  promise: { open: true, nextOpening: null, text: '' },
};
const ACTION = {
  id: 'm-1',
  type: 'subscription.change' as const,
  subscriptionId: 'sub-a1',
  change: { kind: 'skip' as const },
};

function turn(reply = botReply()): Turn {
  return { messageId: 'm', now: NOW, reply, effects: effectsOf(reply) };
}

describe('turn', () => {
  test('a plain answer has no effects: it is a common exchange', () => {
    expect(effectsOf(botReply())).toEqual({});
    expect(hasEffects(turn())).toBe(false);
  });

  test('an outcome is data stored with the reply, not an effect that must run first', () => {
    const reply = botReply({ outcome: { flow: 'cancellation', result: 'retained' } });
    expect(effectsOf(reply)).toEqual({ outcome: { flow: 'cancellation', result: 'retained' } });
    expect(hasEffects(turn(reply))).toBe(false);
  });

  test.each([
    { name: 'an action', reply: botReply({ action: ACTION }) },
    { name: 'a handoff', reply: botReply({ decision: 'handoff', handoff: HANDOFF }) },
  ])('$name must run before the reply exists', ({ reply }) => {
    expect(hasEffects(turn(reply))).toBe(true);
  });

  test('while the handoff dialogue asks for the email, the reply says which step it is at', () => {
    const handoffStep: HandoffStep = { step: 'email', email: null };
    expect(askInfo(botReply({ decision: 'ask', handoffStep }))).toEqual({ step: 'email' });
    const summary = { step: 'summary' as const, email: 'a@example.jp' };
    expect(askInfo(botReply({ decision: 'ask', handoffStep: summary }))).toEqual({
      step: 'summary',
      email: 'a@example.jp',
    });
    expect(askInfo(botReply())).toBeUndefined();
  });

  test('a turn without effects is completed with its own text and step', () => {
    expect(completedAsIs(turn())).toEqual({
      messageId: 'm',
      now: NOW,
      reply: botReply(),
      markdown: botReply().markdown,
    });
  });
});
