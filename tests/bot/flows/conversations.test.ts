/**
 * Whole scripted conversations through respond(): shopper lines in (text, or a pressed button's intent),
 * the bot's decision and key phrases out, with a fixed clock, in Japanese and English.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { ActionResult } from '../../../bot/flows/flow.ts';
import type { FlowSettings } from '../../../bot/flows/registry.ts';
import type { Locale } from '../../../bot/nlu/types.ts';
import { type Bot, type BotReply, type ConversationState, createBot } from '../../../bot/respond.ts';
import type { ShopperContext } from '../../../bot/shop/shop-data.ts';
import { FLOW_CORPUS, flowEngine } from '../../helpers/flow-corpus.ts';
import { TEST_SHOP } from '../../helpers/shop-facts.ts';
import { CONTEXT_A, CONTEXT_DOWN, LOTION } from '../../helpers/shopper-fixtures.ts';
import { jst, SHOP_CALENDAR } from '../calendar/fixtures.ts';
import { FLOW_FACTS } from './flow-facts.ts';

const SHOP = TEST_SHOP;

/** The flows' facts (flow-facts.ts) with every flow switched on. */
const FLOWS: FlowSettings = {
  enabled: {
    cancellation: true,
    'shipping-date': true,
    defect: true,
    sizing: true,
    subscription: true,
    shopperSubscription: true,
    tracking: true,
  },
  ...FLOW_FACTS,
};

/** Tuesday 2026-11-24 15:00 JST: open, after the cut-off. */
const TUESDAY_AFTERNOON = jst('2026-11-24T15:00');

/** One shopper line: text, optionally with the intent of the button pressed. */
type Line = string | { text: string; intent: string };
/** What the bot must do: the decision, phrases the markdown contains, optional checks on the reply. */
interface Expect {
  /** Absent only where the decision is the NLU's business, not the script's (a bare 違う). */
  decision?: BotReply['decision'];
  says?: string[];
  /** Phrases the markdown must not contain (a promise made before anything is recorded). */
  never?: string[];
  reason?: string;
  locale?: Locale;
  outcome?: Record<string, unknown>;
  summary?: string;
  /** The action the bot asked the server for (the other checks apply to the settled reply). */
  action?: Record<string, unknown>;
  /** The quick-reply intents of the reply. */
  buttons?: string[];
  /** The earlier answer this line sends to staff review (`null`: none). */
  dispute?: { messageId: string; signal: string } | null;
}
interface Script {
  name: string;
  locale?: Locale;
  now?: Date;
  email?: string;
  flows?: FlowSettings;
  /** The verified shopper and their shop data, as the server reads them for each line. */
  shopper?: ShopperContext;
  /** What the server reports for each action, in order (an action without one fails the script). */
  results?: ActionResult[];
  turns: [Line, Expect][];
}

let engine: Awaited<ReturnType<typeof flowEngine>>;
beforeAll(async () => {
  engine = await flowEngine();
});

function makeBot(flows: FlowSettings): Bot {
  return createBot({
    engine,
    corpus: FLOW_CORPUS,
    shop: SHOP,
    handoff: {
      calendar: SHOP_CALENDAR,
      replyPromise: { ja: '2時間以内', en: 'within 2 hours' },
      replyWithinMinutes: 120,
    },
    flows,
  });
}

/** Plays a script as the server would (state carried over, JSON round trip as in storage). */
function play(script: Script): void {
  const bot = makeBot(script.flows ?? FLOWS);
  let state: ConversationState = bot.initialState();
  let locale: Locale = script.locale ?? 'ja';
  const results = [...(script.results ?? [])];
  script.turns.forEach(([line, want], i) => {
    const text = typeof line === 'string' ? line : line.text;
    const common = {
      email: script.email ?? null,
      messageId: `m${i}`,
      now: script.now ?? TUESDAY_AFTERNOON,
      ...(script.shopper ? { shopper: script.shopper } : {}),
    };
    const first = bot.respond({
      text,
      ...(typeof line === 'string' ? {} : { chosenIntent: line.intent }),
      locale,
      state,
      ...common,
    });
    const where = `turn ${i + 1} (${text})`;
    if (want.action) expect(first.action, where).toMatchObject(want.action);
    else expect(first.action, where).toBeUndefined();
    // As the server does: carry out the action (here: the scripted result), then send the settled reply.
    const result = first.action && results.shift();
    if (first.action && !result) throw new Error(`${where}: an action the script has no result for`);
    const reply =
      first.action && result
        ? bot.settle({ state: first.state, action: first.action, result, locale: first.locale, ...common })
        : first;
    if (want.buttons)
      expect(
        reply.quickReplies.map((q) => q.intent),
        where,
      ).toEqual(want.buttons);
    if (want.decision) expect(reply.decision, where).toBe(want.decision);
    for (const phrase of want.says ?? []) expect(reply.markdown, where).toContain(phrase);
    for (const phrase of want.never ?? []) expect(reply.markdown, where).not.toContain(phrase);
    if (want.reason) expect(reply.reason, where).toBe(want.reason);
    if (want.locale) expect(reply.locale, where).toBe(want.locale);
    if (want.outcome) expect(reply.outcome, where).toEqual(want.outcome);
    if (want.summary) expect(reply.handoff?.summary, where).toContain(want.summary);
    if (want.dispute !== undefined) expect(reply.dispute ?? null, where).toEqual(want.dispute);
    state = JSON.parse(JSON.stringify(reply.state)) as ConversationState;
    locale = reply.locale;
  });
}

const CANCELLATION: Script[] = [
  {
    name: 'a cancellation retained by an interval change (ja)',
    turns: [
      ['定期便を解約したい', { decision: 'ask', says: ['解約をお考えの理由'] }],
      [
        { text: '使い切れない・余っている', intent: 'flow.cancel.reason.surplus' },
        { decision: 'ask', says: ['お届け周期を延ばす'] },
      ],
      [
        '2ヶ月ごとにしたいです',
        {
          decision: 'answer',
          says: ['お届け周期', 'https://shop.example/mypage', '7日前まで', 'ご希望の周期: 2ヶ月ごと'],
          outcome: { flow: 'cancellation', result: 'retained', reason: 'surplus', alternative: 'interval' },
        },
      ],
      ['送料はいくら', { decision: 'answer', says: ['送料は550円です'] }],
    ],
  },
  {
    name: 'a cancellation retained by an interval change (en)',
    locale: 'en',
    turns: [
      ['I want to cancel my subscription', { decision: 'ask', says: ['why would you like to cancel'] }],
      ['I have too much left over', { decision: 'ask', says: ['deliver less often'] }],
      [
        { text: 'Change the interval', intent: 'flow.cancel.accept' },
        {
          decision: 'answer',
          says: ['Delivery interval'],
          outcome: { flow: 'cancellation', result: 'retained', reason: 'surplus', alternative: 'interval' },
        },
      ],
    ],
  },
  {
    name: 'a cancellation that goes through, with the request taken by order number (ja)',
    turns: [
      ['解約したいです', { decision: 'ask' }],
      [
        { text: '肌に合わない', intent: 'flow.cancel.reason.skin' },
        { decision: 'ask', says: ['敏感肌向けの商品に切り替える'] },
      ],
      [
        { text: 'やはり解約する', intent: 'flow.cancel.proceed' },
        {
          decision: 'ask',
          says: ['「解約する」からお手続き', '注文番号を入力'],
          outcome: { flow: 'cancellation', result: 'cancelled', reason: 'skin' },
        },
      ],
      [
        '１２３４５６７８',
        {
          decision: 'ask',
          reason: 'change-request',
          says: ['まだ受け付けていません', 'メールアドレス'],
          never: ['承りました', '手続きして'],
        },
      ],
      [
        'taro@example.jp',
        {
          decision: 'handoff',
          reason: 'change-request',
          summary: '注文番号: 12345678、理由: 肌に合わない',
          says: ['解約のご依頼を承りました', 'taro@example.jp'],
        },
      ],
    ],
  },
  {
    name: 'a cancellation that goes through on My Page (en, typed answers)',
    locale: 'en',
    turns: [
      ['how do i cancel', { decision: 'ask' }],
      ['it is too expensive', { decision: 'ask', says: ['skip the next delivery'] }],
      [
        'no, cancel please',
        {
          decision: 'ask',
          says: ['under "Subscription" → "Cancel"'],
          outcome: { flow: 'cancellation', result: 'cancelled', reason: 'price' },
        },
      ],
      [
        { text: "I'll do it on My Page", intent: 'flow.cancel.self' },
        { decision: 'answer', says: ['Thank you for having been with us'] },
      ],
    ],
  },
  {
    name: 'a typed unknown reason is taken as other and offers a pause once',
    turns: [
      ['定期をやめたい', { decision: 'ask' }],
      ['引っ越すので', { decision: 'ask', says: ['休止'] }],
      [
        'うーん',
        {
          decision: 'ask',
          says: ['解約する」からお手続き'],
          outcome: { flow: 'cancellation', result: 'cancelled', reason: 'other' },
        },
      ],
    ],
  },
];

const SHIPPING: Script[] = [
  {
    name: 'after the cut-off on a Tuesday ships Wednesday, Tokyo gets it Thursday',
    turns: [
      [
        '今注文したらいつ届く？東京都です',
        {
          decision: 'answer',
          says: [
            '本日の発送受付（14:00）は締め切りました',
            '今ご注文いただくと11月25日(水)に発送、東京都へは11月26日(木)お届け予定です',
          ],
        },
      ],
    ],
  },
  {
    name: 'before the cut-off ships the same day; the prefecture is asked for',
    now: jst('2026-11-24T10:00'),
    turns: [
      [
        'いつ届きますか',
        { decision: 'ask', says: ['今ご注文いただくと11月24日(火)に発送します', '都道府県'] },
      ],
      [
        { text: '沖縄県', intent: 'flow.ship.prefecture' },
        { decision: 'answer', says: ['沖縄県へは11月28日(土)お届け予定です'] },
      ],
    ],
  },
  {
    name: 'across a weekend: Friday after the cut-off ships Monday',
    now: jst('2026-11-27T16:00'),
    turns: [
      [
        'いつ発送されますか 大阪',
        { decision: 'answer', says: ['11月30日(月)に発送、大阪府へは12月2日(水)お届け予定です'] },
      ],
    ],
  },
  {
    name: 'across a national holiday: Friday after the cut-off skips 勤労感謝の日 (Mon Nov 23)',
    now: jst('2026-11-20T15:00'),
    turns: [
      [
        'いつ届きますか 東京',
        { decision: 'answer', says: ['11月24日(火)に発送、東京都へは11月25日(水)お届け予定です'] },
      ],
    ],
  },
  {
    name: 'across 年末年始: an order on Dec 28 afternoon ships on Jan 4',
    now: jst('2026-12-28T15:00'),
    turns: [
      [
        'いつ届きますか 北海道',
        { decision: 'answer', says: ['1月4日(月)に発送、北海道へは1月6日(水)お届け予定です'] },
      ],
    ],
  },
  {
    name: 'a pre-order product gets its configured date',
    turns: [
      [
        '冬季限定ボディクリームはいつ届きますか',
        { decision: 'ask', says: ['冬季限定ボディクリームは予約商品です。12月10日(木)に発送予定です。'] },
      ],
    ],
  },
  {
    name: 'in English on a Saturday, the prefecture given in the answer',
    locale: 'en',
    now: jst('2026-11-28T11:00'),
    turns: [
      ['when will my order arrive', { decision: 'ask', says: ['If you order now, we ship on Mon, Nov 30'] }],
      [
        'Tokyo',
        { decision: 'answer', says: ['ship on Mon, Nov 30 and it should arrive in Tokyo on Tue, Dec 1'] },
      ],
    ],
  },
];

const DEFECT: Script[] = [
  {
    name: 'a defect report becomes a handoff with the case filled in (ja)',
    turns: [
      ['商品が壊れていた', { decision: 'ask', says: ['大変申し訳ございません', '注文番号'] }],
      ['注文番号は20261124です', { decision: 'ask', says: ['どのような状態'] }],
      [
        '瓶が割れていて中身が漏れていました',
        {
          decision: 'ask',
          reason: 'defect-report',
          says: ['まだ受け付けていません', 'メールアドレス'],
          never: ['承りました', '交換品を先にお送りします'],
        },
      ],
      [
        'hanako@example.jp',
        {
          decision: 'handoff',
          reason: 'defect-report',
          summary: '注文番号: 20261124、内容: 瓶が割れていて中身が漏れていました',
          says: ['交換品を先にお送りします', '先にご返送いただく必要はありません', '任意', '2時間以内'],
          // No mail comes before staff reply when the shop sends no copy (copyToShopper: false).
          never: ['このあと届くメール'],
        },
      ],
    ],
  },
  {
    name: 'a wrong item from a known shopper is handed off at once (en)',
    locale: 'en',
    email: 'pat@example.com',
    turns: [
      ['i received the wrong item', { decision: 'ask', says: ['order number'] }],
      [
        { text: "I don't know it", intent: 'flow.defect.unknown_order' },
        { decision: 'ask', says: ['What was wrong'] },
      ],
      [
        { text: 'Wrong item', intent: 'flow.defect.problem.wrong' },
        {
          decision: 'handoff',
          reason: 'defect-report',
          summary: 'order number: unknown, problem: Wrong item',
          says: ['send the replacement first', 'pat@example.com'],
        },
      ],
    ],
  },
  {
    name: 'a defect report without an address promises the replacement only once it is recorded (en)',
    locale: 'en',
    turns: [
      ['the bottle arrived broken', { decision: 'ask', says: ['order number'] }],
      ['20261124', { decision: 'ask', says: ['What was wrong'] }],
      [
        { text: 'Damaged or dirty', intent: 'flow.defect.problem.damaged' },
        {
          decision: 'ask',
          reason: 'defect-report',
          says: ['not recorded yet', 'email address'],
          never: ['replacement', 'Thank you for letting us know'],
        },
      ],
      [
        'pat@example.com',
        {
          decision: 'handoff',
          reason: 'defect-report',
          says: ['send the replacement first', 'pat@example.com'],
        },
      ],
    ],
  },
];

const SIZING: Script[] = [
  {
    name: 'a shoe size with a high instep is one half size up, with the exchange terms (ja)',
    turns: [
      ['どのサイズを買えばいい', { decision: 'ask', says: ['普段のサイズ', '24.5cm', 'S・M・L'] }],
      ['２４．５ｃｍです', { decision: 'ask', says: ['普段は24.5cmですね', '足の形'] }],
      [
        { text: '甲高', intent: 'flow.sizing.foot.high' },
        {
          decision: 'answer',
          says: ['甲高の方には、普段より0.5cm大きい**25.0cm**がおすすめです', '8日以内', '交換が1回無料'],
        },
      ],
    ],
  },
  {
    name: 'a size and wide feet in the first line are answered at once (ja)',
    turns: [['靴のサイズ選びに迷う。普段24cmで幅広です', { decision: 'answer', says: ['**24.5cm**'] }]],
  },
  {
    name: 'a regular foot keeps the usual size; a bare number is read as the size (ja)',
    turns: [
      ['サイズが分からない', { decision: 'ask' }],
      ['23', { decision: 'ask', says: ['23.0cm'] }],
      ['普通です', { decision: 'answer', says: ['普段どおりの**23.0cm**'] }],
    ],
  },
  {
    name: 'a bare 24.5cm or a size button keeps a Japanese conversation Japanese',
    turns: [
      ['サイズが分からない', { decision: 'ask' }],
      ['24.5cm', { decision: 'ask', locale: 'ja', says: ['足の形'] }],
      [
        { text: 'Regular', intent: 'flow.sizing.foot.normal' },
        { decision: 'answer', locale: 'ja' },
      ],
    ],
  },
  {
    name: 'a size beyond the table says it is not made (ja)',
    turns: [
      ['何サイズがおすすめ？28cmです', { decision: 'ask', says: ['足の形'] }],
      [
        { text: '幅広', intent: 'flow.sizing.foot.wide' },
        { decision: 'answer', says: ['22.0cm〜28.0cmの展開', '28.5cmはご用意がありません'] },
      ],
    ],
  },
  {
    name: 'apparel by height, with the usual size as a button (ja)',
    turns: [
      ['サイズ感を知りたい', { decision: 'ask' }],
      [
        { text: 'M', intent: 'flow.sizing.apparel' },
        { decision: 'ask', says: ['普段はMサイズ', '身長'] },
      ],
      ['158', { decision: 'answer', says: ['身長158cmでしたら**Mサイズ**', '155〜165cm', '交換'] }],
    ],
  },
  {
    name: 'apparel between two sizes points to the larger (ja)',
    turns: [
      ['サイズの選び方を教えて。普段はSです', { decision: 'ask', says: ['身長'] }],
      [
        '身長160cmです',
        { decision: 'answer', says: ['**Mサイズ**', '普段のSサイズと迷われる場合は、大きいほうのMサイズ'] },
      ],
    ],
  },
  {
    name: 'a height above the table points to the size chart (ja)',
    turns: [
      [
        '何サイズがおすすめ 身長182cm',
        { decision: 'answer', says: ['身長175cmまで', '商品ページのサイズ表'] },
      ],
    ],
  },
  {
    name: 'shoes with a typed regular foot (en)',
    locale: 'en',
    turns: [
      ['which size should i buy', { decision: 'ask', says: ['What size do you usually wear', 'S, M or L'] }],
      ["I'm usually 26cm", { decision: 'ask', says: ['You usually wear 26.0cm', 'closest to your feet'] }],
      [
        'regular',
        { decision: 'answer', says: ['your usual size, **26.0cm**', 'within 8 days', 'once for free'] },
      ],
    ],
  },
  {
    name: 'apparel with a high instep button is not mixed up; height picks L (en)',
    locale: 'en',
    turns: [
      ['what size should i get', { decision: 'ask' }],
      ['medium', { decision: 'ask', says: ['You usually wear size M', 'How tall'] }],
      [
        "I'm 170cm",
        {
          decision: 'answer',
          says: ['At 170cm, we recommend **size L**', 'heights 165–175cm', 'usual M, the larger one (L)'],
        },
      ],
    ],
  },
  {
    name: 'a wide foot in English rounds up to the next half size',
    locale: 'en',
    turns: [
      ['help me choose a size, I wear 25cm', { decision: 'ask' }],
      [
        { text: 'Wide feet', intent: 'flow.sizing.foot.wide' },
        { decision: 'answer', says: ['With wide feet, we recommend **25.5cm**, 0.5cm larger than usual'] },
      ],
    ],
  },
  {
    name: '甲高で幅広 before the size: no S/M/L buttons, the foot shape is not asked again, both are named (ja)',
    turns: [
      [
        'サイズ選びを手伝って。甲高で幅広です',
        { decision: 'ask', says: ['24.5cm'], never: ['S・M・L', '足の形'], buttons: [] },
      ],
      [
        '24.5cm',
        {
          decision: 'answer',
          says: ['甲高・幅広の方には', '**25.0cm**'],
          never: ['足の形はどれに近いですか'],
        },
      ],
    ],
  },
  {
    name: 'a size with 甲高で幅広 in one line names both (ja)',
    turns: [
      [
        'サイズの選び方を教えて。24.5cmで甲高で幅広です',
        { decision: 'answer', says: ['甲高・幅広の方には'] },
      ],
    ],
  },
  {
    name: 'shoes named before the size get no apparel buttons (en)',
    locale: 'en',
    turns: [
      [
        'help me choose a size for the sneakers, I have wide feet',
        { decision: 'ask', says: ['in cm'], never: ['S, M or L'], buttons: [] },
      ],
      ['25cm', { decision: 'answer', says: ['With wide feet, we recommend **25.5cm**'] }],
    ],
  },
  {
    name: 'an unreadable size is asked once more, then the flow is left',
    turns: [
      ['サイズが分からない', { decision: 'ask', says: ['普段のサイズ'] }],
      ['うーん', { decision: 'ask', says: ['サイズが読み取れませんでした'] }],
      ['あいうえお', { decision: 'none' }],
    ],
  },
  {
    name: 'a clear new question leaves the sizing flow',
    turns: [
      ['どのサイズを買えばいい', { decision: 'ask' }],
      ['送料はいくら', { decision: 'answer', says: ['送料は550円です'] }],
    ],
  },
  {
    name: 'sizing switched off answers from the corpus',
    flows: { ...FLOWS, enabled: { ...FLOWS.enabled, sizing: false } },
    turns: [['どのサイズを買えばいい', { decision: 'answer', says: ['サイズ選びの目安です', '8日以内'] }]],
  },
];

const SUBSCRIPTION: Script[] = [
  {
    name: 'an anonymous interval change is handed to staff with the request, never carried out (ja)',
    turns: [
      ['周期を変えたい', { decision: 'ask', says: ['担当スタッフがお届け周期の変更を代わりに手続きします'] }],
      ['12345678', { decision: 'ask', says: ['ご希望のお届け周期'] }],
      [
        { text: '3ヶ月ごと', intent: 'flow.sub.interval' },
        {
          decision: 'ask',
          reason: 'change-request',
          says: ['まだ受け付けていません', 'メールアドレス'],
          never: ['承りました', '手続きして'],
        },
      ],
      [
        'taro@example.jp',
        {
          decision: 'handoff',
          summary: '注文番号: 12345678、内容: お届け周期を3ヶ月ごとに変更',
          says: ['ご依頼を承りました'],
        },
      ],
    ],
  },
  {
    name: 'an order number and a skip in one line still go to staff, never to an action (ja)',
    turns: [
      [
        '次回をスキップしたい。注文番号は12345678です',
        { decision: 'ask', reason: 'change-request', says: ['メールアドレス'] },
      ],
      [
        'taro@example.jp',
        { decision: 'handoff', summary: '注文番号: 12345678、内容: 次回のお届けをスキップ' },
      ],
    ],
  },
  {
    name: 'the next delivery date is only answered (ja)',
    turns: [['次回のお届け日はいつ', { decision: 'answer', says: ['「定期便の管理」でご確認いただけます'] }]],
  },
  {
    name: "the shopper's own words in an items change stay text; My Page instead ends the flow (ja)",
    turns: [
      ['定期の商品を変更したい', { decision: 'ask' }],
      ['12345678', { decision: 'ask', says: ['どの商品をどのように変更しますか'] }],
      ['化粧水を[2本](https://evil.example)に', { decision: 'ask', reason: 'change-request' }],
      ['次回をスキップしたい', { decision: 'ask' }],
      [
        { text: 'マイページで手続きする', intent: 'flow.sub.self' },
        { decision: 'answer', says: ['承知しました'] },
      ],
    ],
  },
  {
    name: 'a clear new question leaves the subscription flow (ja)',
    turns: [
      ['一時停止したい', { decision: 'ask' }],
      ['送料はいくら', { decision: 'answer', says: ['送料は550円です'] }],
    ],
  },
  {
    name: 'an interval change with the number and interval in one line goes to staff (en)',
    locale: 'en',
    email: 'pat@example.com',
    turns: [
      [
        'change the interval',
        { decision: 'ask', says: ['"Change delivery interval"', 'type your order number'] },
      ],
      [
        'it is 87654321, every 6 weeks',
        {
          decision: 'handoff',
          reason: 'change-request',
          summary: 'order number: 87654321, change: change the delivery interval to every 6 weeks',
          says: ['pat@example.com'],
        },
      ],
    ],
  },
  {
    name: 'an anonymous skip is handed to staff (en)',
    locale: 'en',
    turns: [
      ['skip my next shipment', { decision: 'ask', says: ['our staff will take care of the skip for you'] }],
      [
        '87654321',
        {
          decision: 'ask',
          reason: 'change-request',
          says: ['not recorded yet'],
          never: ['Our staff will make the change'],
        },
      ],
      [
        'pat@example.com',
        { decision: 'handoff', reason: 'change-request', says: ['Our staff will make the change'] },
      ],
    ],
  },
];

/** A verified shopper (customer A: one monthly lotion, next Tue 12-08, changes until Sat 12-05). */
const VERIFIED: Script[] = [
  {
    name: 'a verified shopper asks for the next delivery and skips it in the chat (ja)',
    shopper: CONTEXT_A,
    results: [{ ok: true, subscription: { ...LOTION, nextDeliveryDate: '2027-01-08' } }],
    turns: [
      [
        '次回のお届け日はいつ',
        {
          decision: 'ask',
          says: ['次回は**12月8日(火)のお届け**です。変更は12月5日(土)まで承ります。'],
          buttons: ['flow.shopper.skip', 'flow.shopper.date', 'flow.shopper.interval'],
        },
      ],
      [
        { text: '次回をスキップ', intent: 'flow.shopper.skip' },
        { decision: 'ask', says: ['（12月8日(火)）をスキップします。よろしいですか？'] },
      ],
      [
        { text: '手続きする', intent: 'flow.shopper.confirm' },
        {
          decision: 'answer',
          action: {
            id: 'm2',
            type: 'subscription.change',
            subscriptionId: 'sub-a1',
            change: { kind: 'skip' },
          },
          says: ['次回は**1月8日(金)のお届け**です'],
        },
      ],
    ],
  },
  {
    name: 'a verified shopper declines the offer that fits their subscription and cancels in the chat (ja)',
    shopper: CONTEXT_A,
    results: [{ ok: true, subscription: { ...LOTION, status: 'cancelled', nextDeliveryDate: null } }],
    turns: [
      ['定期便を解約したい', { decision: 'ask', says: ['解約をお考えの理由'] }],
      [
        { text: '使い切れない・余っている', intent: 'flow.cancel.reason.surplus' },
        {
          decision: 'ask',
          says: ['今は1ヶ月ごと・次回12月8日(火)のお届けです。解約せずに**2ヶ月ごと**にしますか？'],
          buttons: ['flow.cancel.accept', 'flow.cancel.proceed'],
        },
      ],
      [
        { text: 'やはり解約する', intent: 'flow.cancel.proceed' },
        { decision: 'ask', says: ['定期便を解約します。', '最低お届け回数は3回'] },
      ],
      [
        { text: '手続きする', intent: 'flow.shopper.confirm' },
        {
          decision: 'answer',
          action: { change: { kind: 'cancel', reason: 'surplus' } },
          says: ['解約手続きが完了しました'],
          outcome: { flow: 'cancellation', result: 'cancelled', reason: 'surplus', alternative: 'interval' },
        },
      ],
    ],
  },
  {
    name: 'the same shopper while the shop is down gets the general answer and a person (ja)',
    shopper: CONTEXT_DOWN,
    turns: [
      [
        '次回のお届け日はいつ',
        { decision: 'answer', says: ['「定期便の管理」でご確認いただけます', '確認できませんでした'] },
      ],
    ],
  },
];

const FALLBACK: Script[] = [
  {
    name: 'two misses in a row lead to a handoff',
    turns: [
      ['猫が好き', { decision: 'none', says: ['言い換えて'] }],
      ['宇宙の大きさ', { decision: 'ask', reason: 'repeated-fallback' }],
    ],
  },
  {
    name: 'asking for a person inside a flow leaves it for the handoff',
    turns: [
      ['定期便を解約したい', { decision: 'ask' }],
      ['人と話したい', { decision: 'ask', reason: 'user-requested' }],
    ],
  },
  {
    name: 'a clear new question leaves the flow and is answered',
    turns: [
      ['商品が壊れていた', { decision: 'ask' }],
      ['送料はいくら', { decision: 'answer', says: ['送料は550円です'] }],
    ],
  },
  {
    name: 'a shopper switching from Japanese to English mid-flow gets English',
    turns: [
      ['いつ届きますか', { decision: 'ask', locale: 'ja', says: ['都道府県'] }],
      ['Tokyo please', { decision: 'answer', locale: 'en', says: ['arrive in Tokyo on Thu, Nov 26'] }],
      ['how much is shipping', { decision: 'answer', locale: 'en', says: ['Shipping is ¥550'] }],
    ],
  },
  {
    name: 'a flow the shop switched off answers from the corpus',
    flows: { ...FLOWS, enabled: { ...FLOWS.enabled, cancellation: false } },
    turns: [['定期便を解約したい', { decision: 'answer', says: ['解約は[マイページ]'] }]],
  },
];

/** "That wasn't it": the line after a confident answer sends that answer to review (message ids are m0, m1…). */
const WRONG_ANSWER: Script[] = [
  {
    name: '違う right after an answer sends that answer to review',
    turns: [
      ['送料はいくら', { decision: 'answer', dispute: null }],
      ['違う、そうじゃなくて', { dispute: { messageId: 'm0', signal: 'negation' } }],
    ],
  },
  {
    name: 'asking for a person right after an answer sends it to review',
    turns: [
      ['送料はいくら', { decision: 'answer' }],
      [
        '人と話したい',
        { decision: 'ask', reason: 'user-requested', dispute: { messageId: 'm0', signal: 'human' } },
      ],
    ],
  },
  {
    name: 'leaving the dialogue an answer started at once sends that answer to review',
    turns: [
      ['定期便を解約したい', { decision: 'ask', dispute: null }],
      ['送料はいくら', { decision: 'answer', dispute: { messageId: 'm0', signal: 'left-flow' } }],
    ],
  },
  {
    name: '解約じゃなくて right after the cancellation dialogue started sends it to review',
    turns: [
      ['定期便を解約したい', { decision: 'ask' }],
      ['いや、解約じゃなくて届かないんです', { dispute: { messageId: 'm0', signal: 'negation' } }],
    ],
  },
  {
    name: "answering the dialogue's question is no signal, and only the next line counts",
    turns: [
      ['定期便を解約したい', { decision: 'ask' }],
      [
        { text: '価格', intent: 'flow.cancel.reason.price' },
        { decision: 'ask', dispute: null },
      ],
      ['違う', { dispute: null }],
    ],
  },
  {
    name: 'a new question after an answer is no signal',
    turns: [
      ['送料はいくら', { decision: 'answer' }],
      ['定期便を解約したい', { decision: 'ask', dispute: null }],
    ],
  },
];

describe('wrong-answer signals in conversations', () => {
  test.each(WRONG_ANSWER)('$name', (script) => play(script));
});

describe('cancellation flow conversations', () => {
  test.each(CANCELLATION)('$name', (script) => play(script));
});

describe('shipping date flow conversations', () => {
  test.each(SHIPPING)('$name', (script) => play(script));
});

describe('defect flow conversations', () => {
  test.each(DEFECT)('$name', (script) => play(script));
});

describe('sizing flow conversations', () => {
  test.each(SIZING)('$name', (script) => play(script));
});

describe('subscription change flow conversations', () => {
  test.each(SUBSCRIPTION)('$name', (script) => play(script));
});

describe('verified shopper conversations', () => {
  test.each(VERIFIED)('$name', (script) => play(script));
});

describe('fallback policy and flow switching conversations', () => {
  test.each(FALLBACK)('$name', (script) => play(script));
});
