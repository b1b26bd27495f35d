import { describe, expect, test } from 'vitest';
import { respondTurn, settleTurn } from '../../../server/chat/dialogue.ts';
import { botReply, nluResult, scriptedBot } from '../../helpers/chat-turn.ts';
import { LOTION } from '../../helpers/shopper-fixtures.ts';

const NOW = new Date('2026-12-01T03:00:00Z');
const ACTION = {
  id: 'm-1',
  type: 'subscription.change' as const,
  subscriptionId: 'sub-a1',
  change: { kind: 'skip' as const },
};

describe('dialogue', () => {
  test('asks the bot with the parsed state, clock and prediction, and returns its reply as a turn', () => {
    const bot = scriptedBot(() => botReply({ outcome: { flow: 'cancellation', result: 'retained' } }));
    const prediction = { text: '送料', fallback: 'ja' as const, result: nluResult('送料', 'ja') };
    const turn = respondTurn(bot, {
      text: '送料',
      messageId: 'm-1',
      locale: 'ja',
      state: { misses: 1, greeting: { shownAt: NOW.toISOString() } },
      email: null,
      now: NOW,
      prediction,
    });
    expect(bot.asked[0]).toEqual({
      prediction,
      text: '送料',
      locale: 'ja',
      state: { misses: 1, greeting: { shownAt: NOW.toISOString() } },
      email: null,
      messageId: 'm-1',
      now: NOW,
    });
    expect(turn).toMatchObject({ messageId: 'm-1', now: NOW, effects: { outcome: { result: 'retained' } } });
  });

  test('a pressed button is passed as the chosen intent', () => {
    const bot = scriptedBot();
    respondTurn(bot, {
      text: 'はい',
      messageId: 'm',
      chosenIntent: 'flow.yes',
      locale: 'en',
      state: { misses: 0 },
      email: 'a@example.jp',
      now: NOW,
    });
    expect(bot.asked[0]).toMatchObject({ chosenIntent: 'flow.yes', locale: 'en', email: 'a@example.jp' });
    expect(bot.asked[0]?.prediction).toBeUndefined();
  });

  test("settling gives the bot the action's result with the turn's state, and returns the bot's answer to it", () => {
    const bot = scriptedBot(
      () => botReply({ action: ACTION, locale: 'en', state: { misses: 0 } }),
      () => botReply({ markdown: 'Skipped.' }),
    );
    const first = respondTurn(bot, {
      text: 'yes',
      messageId: 'm-1',
      locale: 'en',
      state: { misses: 0 },
      email: null,
      now: NOW,
    });
    const settled = settleTurn(bot, first, { ok: false, code: 'ACTION_ERR_UNAVAILABLE' }, 'a@example.jp');
    expect(bot.settled[0]).toEqual({
      state: { misses: 0 },
      action: ACTION,
      result: { ok: false, code: 'ACTION_ERR_UNAVAILABLE' },
      locale: 'en',
      email: 'a@example.jp',
      messageId: 'm-1',
      now: NOW,
    });
    expect(settled.reply.markdown).toBe('Skipped.');
    expect(settled.effects).toEqual({});
  });

  test('a turn without an action is settled as it is', () => {
    const bot = scriptedBot();
    const first = respondTurn(bot, {
      text: 'x',
      messageId: 'm',
      locale: 'ja',
      state: { misses: 0 },
      email: null,
      now: NOW,
    });
    expect(settleTurn(bot, first, { ok: true, subscription: LOTION }, null)).toBe(first);
    expect(bot.settled).toHaveLength(0);
  });
});
