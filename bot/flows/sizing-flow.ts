/**
 * 「どのサイズを買えばいい？」: the usual size (shoes in cm, 24.5cm; apparel S/M/L), then the foot shape
 * (甲高・幅広・普通 buttons) for shoes or the height for apparel, and the recommendation from the shop's
 * size table (甲高 or 幅広 → one adjustment larger, rounded up to the table's step; apparel by height),
 * ending with how to exchange a size that does not fit (free once within the return window). Slots given
 * early (「24.5cmで甲高です」, 「甲高で幅広です」 before the size, 「身長160cm」) skip their questions and are kept
 * until the answer; a shopper who speaks of shoes or feet is asked for cm without S/M/L buttons. Pure.
 */

import { type Static, Type } from '@sinclair/typebox';
import { clothingSizeIn, heightIn, shoeSizeIn } from '../entities/slot-values.ts';
import { BotError } from '../errors.ts';
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import {
  defineFlow,
  type FlowInput,
  type FlowStep,
  flowButton,
  onOffSetting,
  type SizingTable,
} from './flow.ts';
import { type SizingMessageKey as MessageKey, sizingMessages } from './sizing-messages.ts';

const message = messageTable(sizingMessages);

const FootShapeSchema = Type.Union([
  Type.Literal('high'),
  Type.Literal('wide'),
  Type.Literal('high-wide'),
  Type.Literal('normal'),
]);
/** The shape of the shopper's feet: a high instep or wide feet (or both) take a larger shoe. */
export type FootShape = Static<typeof FootShapeSchema>;

/** The dialogue state. */
export const SizingStateSchema = Type.Object({
  name: Type.Literal('sizing'),
  /** `size`: waiting for the usual size; `foot`: shoe size known, waiting for the foot shape; `height`: apparel size known, waiting for the height. */
  step: Type.Union([Type.Literal('size'), Type.Literal('foot'), Type.Literal('height')]),
  /** The usual shoe size, in cm. */
  shoeCm: Type.Optional(Type.Number()),
  /** The usual apparel size (S, M, L…). */
  apparel: Type.Optional(Type.String()),
  /** The foot shape, when said before the size (「甲高で幅広です」): never asked again. */
  foot: Type.Optional(FootShapeSchema),
  /** The shopper spoke of shoes (or feet): no apparel buttons. */
  shoes: Type.Optional(Type.Boolean()),
  /** Set after one unreadable answer: the next unreadable line leaves the flow. */
  retried: Type.Optional(Type.Boolean()),
});
/** The dialogue state. */
export type SizingState = Static<typeof SizingStateSchema>;

/** Button intents: the foot shape (`flow.sizing.foot.high` …); an apparel size (the text carries it). */
export const SIZING_FOOT = 'flow.sizing.foot.';
export const SIZING_APPAREL = 'flow.sizing.apparel';

/** The foot-shape buttons (both 甲高 and 幅広 can be typed, not pressed). */
const FOOT_LABELS: Record<Exclude<FootShape, 'high-wide'>, MessageKey> = {
  high: 'sizingFootHigh',
  wide: 'sizingFootWide',
  normal: 'sizingFootNormal',
};
const FOOT_PHRASES: Record<Exclude<FootShape, 'normal'>, MessageKey> = {
  high: 'sizingFootHighPhrase',
  wide: 'sizingFootWidePhrase',
  'high-wide': 'sizingFootHighWidePhrase',
};
const HIGH_INSTEP = /甲高|甲が高|こうだか|high instep|high arch|instep/iu;
const WIDE = /幅広|幅が広|はばひろ|wide/iu;
const NORMAL_FOOT = /普通|ふつう|標準|平均|特にな|regular|normal|average|standard/iu;
/** Words that make it a question about shoes (so no S/M/L buttons). */
const SHOE_WORDS =
  /靴|くつ|シューズ|スニーカー|パンプス|ブーツ|サンダル|ローファー|足|shoe|sneaker|boot|sandal|pumps|loafer|feet|foot/iu;
/** Size words in English (「M」 alone is read by the slot extractor). */
const APPAREL_WORDS: [string, RegExp][] = [
  ['S', /\bsmall\b/iu],
  ['M', /\bmedium\b/iu],
  ['L', /\blarge\b/iu],
];

/** What one line says. */
interface Slots {
  shoeCm?: number;
  apparel?: string;
  height?: number;
  foot?: FootShape;
  shoes?: boolean;
}

function footIn(input: FlowInput): FootShape | undefined {
  if (input.chosen?.startsWith(SIZING_FOOT)) {
    const id = input.chosen.slice(SIZING_FOOT.length);
    if (Object.hasOwn(FOOT_LABELS, id)) return id as FootShape;
  }
  const high = HIGH_INSTEP.test(input.text);
  const wide = WIDE.test(input.text);
  if (high && wide) return 'high-wide';
  if (high) return 'high';
  if (wide) return 'wide';
  return NORMAL_FOOT.test(input.text) ? 'normal' : undefined;
}

/** The slots of a line; bare numbers count as the answer to the question asked (「24.5」, 「160」). */
function slotsIn(input: FlowInput, step: SizingState['step'] | 'start'): Slots {
  const text = input.text.normalize('NFKC');
  const bare = /^\s*(\d{2,3}(?:\.\d)?)\s*$/u.exec(text)?.[1];
  const bareNumber = bare === undefined ? Number.NaN : Number(bare);
  const height = heightIn(text) ?? (step === 'height' && bareNumber >= 100 ? bareNumber : undefined);
  const shoeCm =
    shoeSizeIn(text) ?? (step === 'size' && bareNumber >= 15 && bareNumber <= 35 ? bareNumber : undefined);
  // 「I'm」 is no size M.
  const apparel =
    clothingSizeIn(text.replace(/['’]m\b/giu, ' am')) ??
    APPAREL_WORDS.find(([, words]) => words.test(text))?.[0];
  const foot = footIn(input);
  const shoes = shoeCm !== undefined || foot !== undefined || SHOE_WORDS.test(text);
  return {
    ...(shoes ? { shoes } : {}),
    ...(shoeCm === undefined ? {} : { shoeCm }),
    ...(apparel === undefined ? {} : { apparel }),
    ...(height === undefined ? {} : { height }),
    ...(foot === undefined ? {} : { foot }),
  };
}

function tableOf(input: FlowInput): SizingTable {
  // The server switches the flow on only with a table (server/plugins/bot-runtime.ts).
  if (!input.settings.sizing)
    throw new BotError('BOT_ERR_SIZING_TABLE_MISSING', 'the sizing flow needs a table');
  return input.settings.sizing;
}

/** Sentences joined as the locale writes them. */
function join(locale: Locale, sentences: string[]): string {
  return sentences.filter(Boolean).join(locale === 'en' ? ' ' : '');
}

function cm(size: number): string {
  return `${size.toFixed(1)}cm`;
}

/** The recommended shoe size: usual + adjustment, rounded up to the table's step; undefined beyond it. */
export function recommendShoe(
  table: SizingTable['shoes'],
  usualCm: number,
  foot: FootShape,
): { cm: number; available: boolean } {
  // Tenths of a centimetre, so 0.5 steps add up exactly.
  const tenths = (value: number) => Math.round(value * 10);
  const wanted = tenths(usualCm + (foot === 'normal' ? 0 : table.wideOrHighInstepCm));
  const min = tenths(table.minCm);
  const step = tenths(table.stepCm);
  if (wanted < min) return { cm: wanted / 10, available: false };
  const size = min + Math.ceil((wanted - min) / step) * step;
  return { cm: size / 10, available: size <= tenths(table.maxCm) };
}

/** The apparel row for a height (the first whose limit is at or above it); undefined above the table. */
export function recommendApparel(table: SizingTable['apparel'], heightCm: number): number | undefined {
  const index = table.findIndex((row) => heightCm <= row.upToHeightCm);
  return index === -1 ? undefined : index;
}

function exchange(input: FlowInput): string {
  return message(input.locale, 'sizingExchange', {
    days: input.settings.returnDays,
    myPageUrl: input.settings.myPageUrl,
  });
}

function shoeAnswer(input: FlowInput, usualCm: number, foot: FootShape): FlowStep<SizingState> {
  const { locale } = input;
  const shoes = tableOf(input).shoes;
  const pick = recommendShoe(shoes, usualCm, foot);
  const size = cm(pick.cm);
  let sentence: string;
  if (!pick.available) {
    sentence = message(locale, 'sizingShoeOutOfRange', { min: cm(shoes.minCm), max: cm(shoes.maxCm), size });
  } else if (foot === 'normal') {
    sentence = message(locale, 'sizingShoeUsual', { size });
  } else {
    sentence = message(locale, 'sizingShoeLarger', {
      foot: message(locale, FOOT_PHRASES[foot]),
      adjust: `${shoes.wideOrHighInstepCm}cm`,
      size,
    });
  }
  return { kind: 'answer', markdown: `${sentence}\n\n${exchange(input)}` };
}

function apparelAnswer(input: FlowInput, height: number, usual: string | undefined): FlowStep<SizingState> {
  const { locale } = input;
  const rows = tableOf(input).apparel;
  const index = recommendApparel(rows, height);
  const row = index === undefined ? undefined : rows[index];
  if (index === undefined || !row) {
    const max = rows[rows.length - 1]?.upToHeightCm ?? 0;
    const sorry = message(locale, 'sizingApparelOutOfRange', { max, height });
    return { kind: 'answer', markdown: `${sorry}\n\n${exchange(input)}` };
  }
  const previous = rows[index - 1];
  const range = previous
    ? message(locale, 'sizingHeightRange', { from: previous.upToHeightCm, to: row.upToHeightCm })
    : message(locale, 'sizingHeightUpTo', { to: row.upToHeightCm });
  const sentences = [message(locale, 'sizingApparel', { height, size: row.size, range })];
  const usualIndex = usual === undefined ? -1 : rows.findIndex((r) => r.size === usual);
  if (usual !== undefined && usualIndex !== -1 && usualIndex !== index) {
    const larger = rows[Math.max(usualIndex, index)]?.size ?? row.size;
    sentences.push(message(locale, 'sizingApparelBetween', { usual, larger }));
  }
  return { kind: 'answer', markdown: `${join(locale, sentences)}\n\n${exchange(input)}` };
}

/** Asks the usual size: in cm only for shoes (no S/M/L buttons), else cm or an apparel button. */
function askSize(
  input: FlowInput,
  known: Pick<Slots, 'foot' | 'shoes'>,
  retried: boolean,
): FlowStep<SizingState> {
  const shoes = known.shoes === true;
  const key: MessageKey = shoes
    ? retried
      ? 'sizingAskShoeSizeAgain'
      : 'sizingAskShoeSize'
    : retried
      ? 'sizingAskSizeAgain'
      : 'sizingAskSize';
  return {
    kind: 'ask',
    state: {
      name: 'sizing',
      step: 'size',
      ...(known.foot ? { foot: known.foot } : {}),
      ...(shoes ? { shoes } : {}),
      ...(retried ? { retried } : {}),
    },
    markdown: message(input.locale, key),
    quickReplies: shoes ? [] : tableOf(input).apparel.map((row) => flowButton(row.size, SIZING_APPAREL)),
  };
}

function askFoot(input: FlowInput, shoeCm: number, retried: boolean): FlowStep<SizingState> {
  const { locale } = input;
  return {
    kind: 'ask',
    state: { name: 'sizing', step: 'foot', shoeCm, ...(retried ? { retried } : {}) },
    markdown: retried
      ? message(locale, 'sizingAskFootAgain')
      : message(locale, 'sizingAskFoot', { size: cm(shoeCm) }),
    quickReplies: (Object.keys(FOOT_LABELS) as (keyof typeof FOOT_LABELS)[]).map((foot) =>
      flowButton(message(locale, FOOT_LABELS[foot]), `${SIZING_FOOT}${foot}`),
    ),
  };
}

function askHeight(input: FlowInput, apparel: string, retried: boolean): FlowStep<SizingState> {
  return {
    kind: 'ask',
    state: { name: 'sizing', step: 'height', apparel, ...(retried ? { retried } : {}) },
    markdown: message(input.locale, retried ? 'sizingAskHeightAgain' : 'sizingAskHeight', { size: apparel }),
    quickReplies: [],
  };
}

/** The next question for what is known, or the recommendation once enough is. */
function decide(input: FlowInput, slots: Slots): FlowStep<SizingState> {
  if (slots.shoeCm !== undefined) {
    return slots.foot ? shoeAnswer(input, slots.shoeCm, slots.foot) : askFoot(input, slots.shoeCm, false);
  }
  if (slots.height !== undefined) return apparelAnswer(input, slots.height, slots.apparel);
  if (slots.apparel !== undefined) return askHeight(input, slots.apparel, false);
  return askSize(input, slots, false);
}

/** True when the line answers the question of this step. */
function answers(step: SizingState['step'], slots: Slots): boolean {
  switch (step) {
    case 'size':
      return slots.shoeCm !== undefined || slots.apparel !== undefined || slots.height !== undefined;
    case 'foot':
      return slots.foot !== undefined || slots.shoeCm !== undefined;
    case 'height':
      return slots.height !== undefined || slots.apparel !== undefined;
  }
}

/** The sizing flow. */
export const sizingFlow = defineFlow({
  name: 'sizing',
  configKey: 'sizing',
  settingsSchema: onOffSetting('Size advice from the `sizing` table (off while the table is missing).'),
  stateSchema: SizingStateSchema,
  // The size table is the flow's data: without it the corpus answers `sizing.guide`.
  isOn: (on, facts) => on && facts.sizing !== undefined,
  intents: ['sizing.guide'],
  messages: sizingMessages,
  start(input): FlowStep<SizingState> {
    return decide(input, slotsIn(input, 'start'));
  },
  next(input, state, strict) {
    const line = slotsIn(input, state.step);
    if (!answers(state.step, line)) {
      if (strict || state.retried) return undefined;
      if (state.step === 'foot' && state.shoeCm !== undefined) return askFoot(input, state.shoeCm, true);
      if (state.step === 'height' && state.apparel !== undefined)
        return askHeight(input, state.apparel, true);
      return askSize(input, state, true);
    }
    // What the line says wins over what was known (a corrected size); what was said stays said.
    const known: Slots = {
      ...(state.shoeCm === undefined ? {} : { shoeCm: state.shoeCm }),
      ...(state.apparel === undefined ? {} : { apparel: state.apparel }),
      ...(state.foot === undefined ? {} : { foot: state.foot }),
      ...(state.shoes ? { shoes: true } : {}),
    };
    return decide(input, { ...known, ...line });
  },
});
