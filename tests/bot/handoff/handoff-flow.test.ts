import { beforeAll, describe, expect, test } from 'vitest';
import {
  HANDOFF_CANCEL_INTENT,
  HANDOFF_SKIP_INTENT,
  MAX_SUMMARY_LENGTH,
} from '../../../bot/handoff/handoff-flow.ts';
import type { Locale } from '../../../bot/nlu/types.ts';
import {
  type Bot,
  type BotReply,
  type ConversationState,
  createBot,
  parseConversationState,
} from '../../../bot/respond.ts';
import { TEST_SHOP } from '../../helpers/shop-facts.ts';
import { SMALL_CORPUS, smallEngine } from '../../helpers/small-corpus.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';

const SHOP = TEST_SHOP;

/** A weekday afternoon: open. */
const OPEN = jst('2026-11-24T15:00');

let bot: Bot;

beforeAll(async () => {
  bot = createBot({
    engine: await smallEngine(),
    corpus: SMALL_CORPUS,
    shop: SHOP,
    handoff: {
      calendar: SHOP_CALENDAR,
      replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
      replyWithinMinutes: 120,
    },
  });
});

/** A conversation with the bot that carries its state from reply to reply, as the server does. */
function conversation(options: { locale?: Locale; email?: string | null; now?: Date } = {}) {
  let state: ConversationState = bot.initialState();
  return {
    get state() {
      return state;
    },
    say(text: string, extra: { intent?: string; now?: Date } = {}): BotReply {
      const reply = bot.respond({
        text,
        ...(extra.intent ? { chosenIntent: extra.intent } : {}),
        locale: options.locale ?? 'ja',
        state,
        email: options.email ?? null,
        now: extra.now ?? options.now ?? OPEN,
      });
      state = reply.state;
      return reply;
    },
  };
}

describe('handoff flow', () => {
  test('says why and asks for the email when the shopper asks for a person', () => {
    const reply = conversation().say('人と話したい');
    expect(reply).toMatchObject({ decision: 'ask', reason: 'user-requested', intent: 'human_agent' });
    expect(reply.markdown).toBe(
      '承知しました。担当スタッフがメールでご返信します。\n\nご返信先のメールアドレスを入力してください（例: taro@example.jp）。',
    );
    expect(reply.quickReplies).toEqual([{ label: 'やめる', text: 'やめる', intent: HANDOFF_CANCEL_INTENT }]);
    expect(reply.state.flow).toMatchObject({
      name: 'handoff',
      step: 'email',
      startedAt: OPEN.toISOString(),
      email: null,
    });
    expect(reply.handoff).toBeUndefined();
  });

  test('starts with repeated-fallback after two misses in a row', () => {
    const chat = conversation();
    expect(chat.say('猫が好き').decision).toBe('none');
    const reply = chat.say('宇宙の大きさ');
    expect(reply).toMatchObject({ decision: 'ask', reason: 'repeated-fallback' });
    expect(reply.markdown).toContain('お役に立てず申し訳ありません');
  });

  test('refuses a header-injection attempt with a clear message and keeps asking', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('a@b.example\r\nBcc: victim@example.com');
    expect(reply.decision).toBe('ask');
    expect(reply.markdown).toBe(
      'メールアドレスに改行や制御文字は使えません。アドレスだけを1行で入力してください（例: taro@example.jp）。',
    );
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'email', email: null });
  });

  test.each([
    { input: 'taro(admin)@example.jp', sentence: '記号は使えません' },
    { input: 'Taro <taro@example.jp>', sentence: '空白は使えません' },
    { input: 'taro@example', sentence: '形式が正しくない' },
  ])('refuses $input in the shopper language', ({ input, sentence }) => {
    const chat = conversation();
    chat.say('人と話したい');
    expect(chat.say(input).markdown).toContain(sentence);
  });

  test('accepts a corrected address after a refusal and asks for the summary', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('taro@@example.jp');
    const reply = chat.say('taro@example.jp');
    expect(reply.decision).toBe('ask');
    expect(reply.markdown).toContain('ご返信は `taro@example.jp` にお送りします');
    expect(reply.markdown).toContain(`${MAX_SUMMARY_LENGTH}文字まで`);
    expect(reply.quickReplies.map((q) => q.intent)).toEqual([HANDOFF_SKIP_INTENT, HANDOFF_CANCEL_INTENT]);
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'summary', email: 'taro@example.jp' });
  });

  test('lets the shopper correct the address in the summary step', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('taro@exmaple.jp');
    const corrected = chat.say('taro@example.jp');
    expect(corrected.state.flow).toMatchObject({
      name: 'handoff',
      step: 'summary',
      email: 'taro@example.jp',
    });
    const injected = chat.say('x@example.jp\r\nBcc: y@example.jp');
    expect(injected.markdown).toContain('改行や制御文字は使えません');
    expect(injected.state.flow).toMatchObject({ name: 'handoff', email: 'taro@example.jp' });
  });

  test('a known shopper keeps their address and is asked only for the summary', () => {
    const reply = conversation({ email: 'hanako@example.jp' }).say('人と話したい');
    expect(reply.decision).toBe('ask');
    expect(reply.markdown).toContain('ご返信は `hanako@example.jp` にお送りします');
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'summary', email: 'hanako@example.jp' });
  });

  test('the summary completes the handoff with what the server must record', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('taro@example.jp', { now: jst('2026-11-24T15:01') });
    const reply = chat.say('定期便の解約について相談したい', { now: jst('2026-11-24T15:02') });
    expect(reply).toMatchObject({ decision: 'handoff', reason: 'user-requested', intent: 'human_agent' });
    expect(reply.handoff).toEqual({
      id: OPEN.toISOString(),
      reason: 'user-requested',
      email: 'taro@example.jp',
      summary: '定期便の解約について相談したい',
      startedAt: OPEN.toISOString(),
      promise: { open: true, nextOpening: null, text: '2時間以内を目安にご返信します。' },
    });
    expect(reply.markdown).toBe(
      '担当スタッフにお問い合わせ内容をお送りしました。ご返信先: `taro@example.jp`\n\n2時間以内を目安にご返信します。',
    );
    expect(reply.state).toEqual({ misses: 0 });
  });

  test('a conversation stored while its handoff state lived in `state.handoff` continues where it was', () => {
    // The state row as the previous version wrote it, waiting for the summary.
    const stored = {
      misses: 0,
      handoff: {
        id: 'm-41',
        step: 'summary',
        reason: 'user-requested',
        intent: 'human_agent',
        score: 0.91,
        startedAt: OPEN.toISOString(),
        email: 'taro@example.jp',
      },
    };
    const reply = bot.respond({
      text: '定期便の解約について相談したい',
      locale: 'ja',
      state: parseConversationState(stored),
      email: null,
      now: jst('2026-11-24T15:02'),
    });
    expect(reply).toMatchObject({ decision: 'handoff', reason: 'user-requested', intent: 'human_agent' });
    expect(reply.handoff).toMatchObject({
      id: 'm-41',
      email: 'taro@example.jp',
      summary: '定期便の解約について相談したい',
    });
    expect(reply.state).toEqual({ misses: 0 });
  });

  test('every reply that leaves the dialogue waiting says the step it waits at', () => {
    const chat = conversation();
    expect(chat.say('人と話したい').handoffStep).toEqual({ step: 'email', email: null });
    expect(chat.say('taro@example.jp').handoffStep).toEqual({ step: 'summary', email: 'taro@example.jp' });
    expect(chat.say('定期便の相談').handoffStep).toBeUndefined();
  });

  test('Skip completes the handoff without a summary', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('taro@example.jp');
    const reply = chat.say('スキップ', { intent: HANDOFF_SKIP_INTENT });
    expect(reply.decision).toBe('handoff');
    expect(reply.handoff?.summary).toBeNull();
  });

  test('typing the Skip label skips the summary too', () => {
    const chat = conversation({ email: 'taro@example.jp' });
    chat.say('人と話したい');
    const reply = chat.say('スキップ');
    expect(reply.decision).toBe('handoff');
    expect(reply.handoff?.summary).toBeNull();
  });

  test('Cancel leaves the handoff and records nothing', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('やめる', { intent: HANDOFF_CANCEL_INTENT });
    expect(reply).toMatchObject({
      decision: 'answer',
      intent: null,
      markdown: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
    });
    expect(reply.handoff).toBeUndefined();
    expect(reply.state).toEqual({ misses: 0 });
  });

  test('a topic button pressed mid-dialogue leaves the handoff and answers that topic', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('送料', { intent: 'shipping.fee' });
    expect(reply).toMatchObject({ decision: 'answer', intent: 'shipping.fee' });
    expect(reply.state.flow).toBeUndefined();
  });

  test('refuses a summary longer than the limit', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('taro@example.jp');
    const reply = chat.say('あ'.repeat(MAX_SUMMARY_LENGTH + 1));
    expect(reply).toMatchObject({ decision: 'ask' });
    expect(reply.markdown).toBe(`ご用件は${MAX_SUMMARY_LENGTH}文字以内でお願いします。`);
  });

  test('keeps the conversation language while the shopper types an address', () => {
    const ja = conversation();
    ja.say('人と話したい');
    expect(ja.say('taro@example.jp').locale).toBe('ja');
  });

  test('speaks English to an English shopper throughout', () => {
    const chat = conversation({ locale: 'en', email: 'jo@example.com' });
    chat.say('人と話したい');
    const reply = chat.say('Skip', { intent: HANDOFF_SKIP_INTENT });
    expect(reply.markdown).toBe(
      'I have passed your question on to our staff. Reply to: `jo@example.com`\n\nWe will reply within 2 hours.',
    );
  });

  test('names the handoff after the message that started it, so a replay records the same one', () => {
    const start = bot.respond({
      text: '人と話したい',
      locale: 'ja',
      state: bot.initialState(),
      email: 'taro@example.jp',
      messageId: '11111111-2222-4333-8444-555555555555',
      now: OPEN,
    });
    const input = {
      text: 'よろしく',
      locale: 'ja' as const,
      state: start.state,
      now: jst('2026-11-24T15:09'),
    };
    expect(bot.respond(input).handoff?.id).toBe('11111111-2222-4333-8444-555555555555');
    expect(bot.respond({ ...input, now: jst('2026-11-24T16:00') }).handoff?.id).toBe(
      '11111111-2222-4333-8444-555555555555',
    );
  });
});

describe('handoff flow: the email step never traps the shopper', () => {
  test('answers a question typed in the email step and offers the step again', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('送料はいくら');
    expect(reply).toMatchObject({ decision: 'answer', intent: 'shipping.fee', locale: 'ja' });
    expect(reply.markdown).toBe(
      '送料は550円です。\n\nスタッフからのご返信が必要でしたら、メールアドレスを入力してください。不要でしたら「やめる」を押してください。',
    );
    expect(reply.quickReplies).toEqual([{ label: 'やめる', text: 'やめる', intent: HANDOFF_CANCEL_INTENT }]);
    expect(reply.state.flow).toMatchObject({
      name: 'handoff',
      step: 'email',
      reason: 'user-requested',
      email: null,
    });
    expect(reply.handoff).toBeUndefined();
  });

  test('takes the address after an answered question', () => {
    const chat = conversation();
    chat.say('人と話したい');
    chat.say('送料はいくら');
    const reply = chat.say('taro@example.jp');
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'summary', email: 'taro@example.jp' });
  });

  test.each([
    { name: 'the Cancel label', text: 'やめる' },
    { name: 'the label with punctuation', text: 'やめる。' },
    { name: 'キャンセル', text: 'キャンセル' },
    { name: 'やめます', text: 'やめます' },
    { name: '中止', text: '中止' },
    { name: 'やっぱりいいです', text: 'やっぱりいいです' },
    { name: 'full-width katakana in half width', text: 'ｷｬﾝｾﾙ' },
  ])('typing $name in the email step leaves like the button', ({ text }) => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say(text);
    expect(reply).toMatchObject({
      decision: 'answer',
      intent: null,
      markdown: '承知しました。ほかにご質問があれば、お気軽にどうぞ。',
    });
    expect(reply.state).toEqual({ misses: 0 });
  });

  test('typing Cancel leaves in English', () => {
    const chat = conversation({ locale: 'en' });
    chat.say('人と話したい');
    const reply = chat.say('cancel');
    expect(reply).toMatchObject({
      decision: 'answer',
      markdown: 'All right. If you have any other question, just ask.',
    });
    expect(reply.state.flow).toBeUndefined();
  });

  test('typing a leave word in the summary step leaves without recording', () => {
    const chat = conversation({ email: 'taro@example.jp' });
    chat.say('人と話したい');
    const reply = chat.say('キャンセル');
    expect(reply).toMatchObject({ decision: 'answer', intent: null });
    expect(reply.handoff).toBeUndefined();
    expect(reply.state.flow).toBeUndefined();
  });

  test('a line that is neither an address nor a question says how to leave', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('猫が好き');
    expect(reply).toMatchObject({ decision: 'ask' });
    expect(reply.markdown).toBe(
      'メールアドレスの形式が正しくないようです。例: taro@example.jp の形で入力してください。\n\nスタッフからのご返信が不要でしたら「やめる」を押してください。',
    );
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'email' });
  });

  test('asking for a person again in the email step asks for the address again', () => {
    const chat = conversation();
    chat.say('人と話したい');
    const reply = chat.say('担当者と話したい');
    expect(reply).toMatchObject({ decision: 'ask' });
    expect(reply.markdown).toBe('ご返信先のメールアドレスを入力してください（例: taro@example.jp）。');
    expect(reply.state.flow).toMatchObject({ name: 'handoff', step: 'email' });
  });
});

describe('handoff flow when the shop is closed', () => {
  test.each([
    {
      name: 'a weekday evening',
      at: '2026-11-25T19:30',
      promise: 'ただいま営業時間外のため、11月26日(木) 10:00以降にご返信します。',
      next: '2026-11-26T10:00',
    },
    {
      name: 'a Saturday (the Monday is not a holiday)',
      at: '2026-11-28T11:00',
      promise: 'ただいま営業時間外のため、11月30日(月) 10:00以降にご返信します。',
      next: '2026-11-30T10:00',
    },
    {
      name: 'a national holiday (勤労感謝の日)',
      at: '2026-11-23T14:00',
      promise: 'ただいま営業時間外のため、11月24日(火) 10:00以降にご返信します。',
      next: '2026-11-24T10:00',
    },
    {
      name: '年末年始',
      at: '2026-12-30T10:30',
      promise: 'ただいま営業時間外のため、1月4日(月) 10:00以降にご返信します。',
      next: '2027-01-04T10:00',
    },
    {
      name: 'the lunch break',
      at: '2026-11-24T12:15',
      promise: 'ただいま営業時間外のため、本日13:00以降にご返信します。',
      next: '2026-11-24T13:00',
    },
  ])('on $name the handoff names the next opening', ({ at, promise, next }) => {
    const chat = conversation({ now: jst(at), email: 'taro@example.jp' });
    chat.say('人と話したい');
    const reply = chat.say('スキップ', { intent: HANDOFF_SKIP_INTENT });
    expect(reply.decision).toBe('handoff');
    expect(reply.markdown.split('\n\n')[1]).toBe(promise);
    expect(reply.handoff?.promise).toEqual({ open: false, nextOpening: jst(next), text: promise });
  });
});
