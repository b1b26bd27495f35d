import { describe, expect, test } from 'vitest';
import { readHandoffFacts } from '../../../widget/chat/types.ts';

describe('readHandoffFacts', () => {
  test.each([
    {
      name: 'a plain answer has no handoff facts',
      frame: { decision: 'answer', quickReplies: [] },
      facts: { step: null, asksEmail: false, open: null, nextOpening: null },
    },
    {
      name: 'a flow question (an ask without a handoff step) asks for no email',
      frame: {
        decision: 'ask',
        quickReplies: [{ intent: 'flow.cancel.reason.surplus' }, { intent: 'flow.cancel.reason.price' }],
      },
      facts: { step: null, asksEmail: false, open: null, nextOpening: null },
    },
    {
      name: 'an ask offering only Cancel but no handoff step asks for no email',
      frame: { decision: 'ask', quickReplies: [{ intent: 'handoff.cancel' }] },
      facts: { step: null, asksEmail: false, open: null, nextOpening: null },
    },
    {
      name: 'the email step asks for the address',
      frame: { decision: 'ask', handoff: { step: 'email' }, quickReplies: [{ intent: 'handoff.cancel' }] },
      facts: { step: 'email', asksEmail: true, open: null, nextOpening: null },
    },
    {
      name: 'the summary step asks for no email',
      frame: { decision: 'ask', handoff: { step: 'summary', email: 'taro@example.jp' }, quickReplies: [] },
      facts: { step: 'summary', asksEmail: false, open: null, nextOpening: null },
    },
    {
      name: 'a completed handoff while closed carries the next opening',
      frame: {
        decision: 'handoff',
        handoff: { step: 'done', ticket: 'A1B2', open: false, nextOpening: '2026-11-24T01:00:00.000Z' },
      },
      facts: { step: 'done', asksEmail: false, open: false, nextOpening: '2026-11-24T01:00:00.000Z' },
    },
    {
      name: 'unknown shapes are ignored',
      frame: { decision: 'handoff', handoff: { step: 'later', open: 'no', nextOpening: 42 } },
      facts: { step: null, asksEmail: false, open: null, nextOpening: null },
    },
  ])('$name', ({ frame, facts }) => {
    expect(readHandoffFacts(frame)).toEqual(facts);
  });
});
