import { describe, expect, test } from 'vitest';
import { readBotMessagePayload } from '../../../server/chat/bot-message-payload.ts';

const BUTTON = { label: '送料', text: '送料は？', intent: 'shipping.fee' };

describe('readBotMessagePayload', () => {
  test('a row without a payload reads as no quick replies and no reason', () => {
    expect(readBotMessagePayload(null)).toEqual({ quickReplies: [], reason: null });
  });

  test('an older row without locale or handoff keeps what it has and leaves the rest out', () => {
    expect(readBotMessagePayload({ quickReplies: [BUTTON], reason: 'low-confidence' })).toEqual({
      quickReplies: [BUTTON],
      reason: 'low-confidence',
    });
  });

  test('a full payload reads back as written', () => {
    const payload = {
      quickReplies: [BUTTON],
      reason: null,
      locale: 'en',
      handoff: { step: 'done', email: 'a@example.jp', ticket: 'T-1', open: false, nextOpening: null },
      outcome: { flow: 'cancellation', result: 'retained', alternative: 'skip' },
      action: { id: 'm-1', type: 'subscription.skip', ok: false, code: 'ACTION_ERR_TIMEOUT' },
      dispute: { messageId: 'm-0', signal: 'negation' },
      nluReason: 'low-score',
    };
    expect(readBotMessagePayload(payload)).toEqual(payload);
  });

  test.each([
    {
      name: 'quick replies that are not buttons',
      field: { quickReplies: [{ label: 1 }] },
      read: { quickReplies: [] },
    },
    { name: 'a reason that is not text', field: { reason: 42 }, read: { reason: null } },
    { name: 'an unknown locale', field: { locale: 'fr' }, read: { locale: undefined } },
    { name: 'a handoff with an unknown step', field: { handoff: { step: 'later' } }, read: {} },
  ])('a damaged field ($name) takes its default and the others stay', ({ field, read }) => {
    const payload = readBotMessagePayload({ quickReplies: [BUTTON], reason: null, locale: 'ja', ...field });
    expect(payload).toEqual({ quickReplies: [BUTTON], reason: null, locale: 'ja', ...read });
  });
});
