import { beforeAll, describe, expect, test } from 'vitest';
import { type Bot, createBot } from '../../bot/respond.ts';
import { TEST_SHOP } from '../helpers/shop-facts.ts';
import { SMALL_CORPUS, smallEngine } from '../helpers/small-corpus.ts';
import { jst, SHOP_CALENDAR } from './calendar/fixtures.ts';

let bot: Bot;

beforeAll(async () => {
  bot = createBot({
    engine: await smallEngine(),
    corpus: SMALL_CORPUS,
    shop: TEST_SHOP,
    handoff: {
      calendar: SHOP_CALENDAR,
      replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
      replyWithinMinutes: 120,
    },
  });
});

function reply(text: string, locale: 'ja' | 'en') {
  return bot.respond({ text, locale, state: bot.initialState(), now: jst('2026-11-24T15:00') });
}

describe('createBot respond: the conversation language', () => {
  test.each([
    { name: 'OK', text: 'OK' },
    { name: 'ok!', text: 'ok!' },
    { name: 'an emoji', text: '👍' },
    { name: 'a pasted tag', text: '<img src=x onerror=alert(1)>' },
  ])('a Japanese conversation answers $name in Japanese', ({ text }) => {
    expect(reply(text, 'ja').locale).toBe('ja');
  });

  test('an English sentence in a Japanese conversation is answered in English', () => {
    expect(reply('how much is shipping', 'ja')).toMatchObject({ locale: 'en', intent: 'shipping.fee' });
  });

  test('Japanese in an English conversation is answered in Japanese', () => {
    expect(reply('送料はいくら', 'en')).toMatchObject({ locale: 'ja', intent: 'shipping.fee' });
  });
});

describe('createBot respond: refusals', () => {
  test('a refused question carries the engine’s reason for staff', () => {
    const refused = reply('Amazonの定期便を解約したい', 'ja');
    expect(refused).toMatchObject({ decision: 'none', nluReason: 'other-company' });
    expect(reply('定期便の周期を変えたい', 'ja').nluReason).toBeUndefined();
  });
});
