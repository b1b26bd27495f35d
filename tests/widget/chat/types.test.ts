import { describe, expect, test } from 'vitest';
import { readHandoffFacts } from '../../../widget/chat/types.ts';

describe('readHandoffFacts', () => {
  test.each([
    {
      name: 'a plain answer has no handoff facts',
      frame: { decision: 'answer', quickReplies: [] },
      facts: { step: null, asksEmail: false, replyBy: null, open: null, nextOpening: null },
    },
    {
      name: 'an ask without a step asks for the email',
      frame: { decision: 'ask', quickReplies: [{ intent: 'handoff.cancel' }] },
      facts: { step: null, asksEmail: true, replyBy: null, open: null, nextOpening: null },
    },
    {
      name: 'an ask offering Skip is the summary step',
      frame: { decision: 'ask', quickReplies: [{ intent: 'handoff.skip' }, { intent: 'handoff.cancel' }] },
      facts: { step: null, asksEmail: false, replyBy: null, open: null, nextOpening: null },
    },
    {
      name: 'the email step asks for the address',
      frame: { decision: 'ask', handoff: { step: 'email' }, quickReplies: [{ intent: 'handoff.cancel' }] },
      facts: { step: 'email', asksEmail: true, replyBy: null, open: null, nextOpening: null },
    },
    {
      name: 'an explicit summary step wins over the missing Skip button',
      frame: { decision: 'ask', handoff: { step: 'summary', email: 'taro@example.jp' }, quickReplies: [] },
      facts: { step: 'summary', asksEmail: false, replyBy: null, open: null, nextOpening: null },
    },
    {
      name: 'a completed handoff while closed carries the next opening',
      frame: {
        decision: 'handoff',
        handoff: {
          step: 'done',
          ticket: 'A1B2',
          open: false,
          nextOpening: '2026-11-24T01:00:00.000Z',
          replyBy: '2026-11-24T03:00:00.000Z',
        },
      },
      facts: {
        step: 'done',
        asksEmail: false,
        replyBy: '2026-11-24T03:00:00.000Z',
        open: false,
        nextOpening: '2026-11-24T01:00:00.000Z',
      },
    },
    {
      name: 'unknown shapes are ignored',
      frame: { decision: 'handoff', handoff: { open: 'no', nextOpening: 42 } },
      facts: { step: null, asksEmail: false, replyBy: null, open: null, nextOpening: null },
    },
  ])('$name', ({ frame, facts }) => {
    expect(readHandoffFacts(frame)).toEqual(facts);
  });
});
