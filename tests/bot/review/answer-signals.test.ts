import { describe, expect, test } from 'vitest';
import { disputeSignal, type LastAnswer, type SignalInput } from '../../../bot/review/answer-signals.ts';

const ANSWERED: LastAnswer = {
  messageId: 'm1',
  intent: 'order.confirmation_mail',
  text: '注文したのにまだ届かない',
};
const FLOW_STARTED: LastAnswer = {
  messageId: 'm1',
  intent: 'subscription.cancel',
  text: '定期便がまだ届いていません',
  flow: 'cancellation',
};

function line(text: string, overrides: Partial<SignalInput> = {}): SignalInput {
  return {
    last: ANSWERED,
    text,
    chosenIntent: undefined,
    reply: { decision: 'answer', reason: null, intent: 'shipping.fee', flow: undefined },
    ...overrides,
  };
}

describe('disputeSignal', () => {
  test('finds nothing without an answer just before', () => {
    expect(disputeSignal(line('違う', { last: undefined }))).toBeUndefined();
  });

  test.each([
    { name: '違う alone', text: '違う' },
    { name: '違います with a full stop', text: '違います。' },
    { name: 'いや、違う and the question again', text: 'いや、違う、荷物が届かないの' },
    { name: 'そうじゃなくて', text: 'そうじゃなくて、まだ届いてないんです' },
    { name: '答えになってない', text: 'それ答えになってないよ' },
    { name: 'full-width ＮＯ', text: 'ＮＯ、それじゃない' },
    { name: "that's not what I asked", text: "That's not what I asked" },
    { name: '解約じゃなくて after a cancellation answer', text: 'いや、解約じゃなくて届かないんです' },
    { name: "I don't want to cancel", text: "I don't want to cancel, it never arrived" },
  ])('reads $name as a rebuttal', ({ text }) => {
    expect(disputeSignal(line(text))).toBe('negation');
  });

  test.each([
    { name: 'a wrong item (違う商品)', text: '違う商品が届いた' },
    { name: 'a different colour (色違い)', text: '色違いはありますか' },
    { name: 'thanks', text: 'ありがとうございます' },
    { name: 'a new topic', text: '送料はいくらですか' },
  ])('does not read $name as a signal', ({ text }) => {
    expect(disputeSignal(line(text))).toBeUndefined();
  });

  test('asking for a person right after an answer is a signal', () => {
    const reply = { decision: 'ask', reason: 'user-requested', intent: 'human_agent', flow: undefined };
    expect(disputeSignal(line('人と話したい', { reply }))).toBe('human');
  });

  test('asking nearly the same again is a rephrase', () => {
    expect(disputeSignal(line('注文したのに商品がまだ届かないです'))).toBe('rephrase');
  });

  test('a pressed topic button is not a rephrase', () => {
    expect(
      disputeSignal(line('注文したのにまだ届かない', { chosenIntent: 'shipping.when' })),
    ).toBeUndefined();
  });

  test('leaving a dialogue at once with another question is a signal', () => {
    const reply = { decision: 'answer', reason: null, intent: 'shipping.when', flow: undefined };
    expect(disputeSignal(line('荷物はいつ届きますか', { last: FLOW_STARTED, reply }))).toBe('left-flow');
  });

  test("answering the dialogue's question or pressing its button is no signal", () => {
    const staying = {
      decision: 'ask',
      reason: null,
      intent: 'subscription.cancel',
      flow: 'cancellation' as const,
    };
    expect(disputeSignal(line('使い切れない', { last: FLOW_STARTED, reply: staying }))).toBeUndefined();
    const ended = { decision: 'answer', reason: null, intent: 'subscription.cancel', flow: undefined };
    expect(
      disputeSignal(
        line('マイページで手続きする', {
          last: FLOW_STARTED,
          chosenIntent: 'flow.cancel.self',
          reply: ended,
        }),
      ),
    ).toBeUndefined();
  });
});
