/**
 * "That wasn't it": signals in the shopper's next line that the bot's confident answer was wrong, so the
 * answer goes to staff review like a refused question (#16). Only the line right after an answer counts:
 *
 * - `human`: the shopper asks for a person (the bot starts a `user-requested` handoff);
 * - `negation`: 「違う」「そうじゃなくて」「答えになってない」, "that's not what I asked";
 * - `left-flow`: the answer started a dialogue (cancellation, defect…) and the shopper left it at once
 *   with another question or topic, not a button of that dialogue;
 * - `rephrase`: the shopper asks nearly the same again (similar wording: the grouping's features).
 *
 * Pure: the previous answer travels in the conversation state (`lastAnswer`), the result is data on the
 * reply (`dispute`) that the server records.
 */
import type { FlowName } from '../flows/registry.ts';
import { questionFeatures } from './group-similar-questions.ts';

/** Why an answer is thought wrong (closed set; the console translates it). */
export const DISPUTE_SIGNALS = ['human', 'negation', 'left-flow', 'rephrase'] as const;
export type DisputeSignal = (typeof DISPUTE_SIGNALS)[number];

/** The answer the bot just gave (kept in `ConversationState.lastAnswer` for one line). */
export interface LastAnswer {
  /** The id of the shopper message that was answered. */
  messageId: string;
  intent: string;
  /** What the shopper wrote. */
  text: string;
  /** The dialogue the answer started, if any. */
  flow?: FlowName;
}

/** A wrong-answer signal: the answered shopper message goes to review. */
export interface Dispute {
  /** The shopper message whose answer is disputed. */
  messageId: string;
  signal: DisputeSignal;
}

/** What the signals look at in this line and the bot's reply to it. */
export interface SignalInput {
  last: LastAnswer | undefined;
  text: string;
  /** The pressed button's intent, if any. */
  chosenIntent: string | undefined;
  reply: {
    decision: string;
    reason: string | null;
    intent: string | null;
    /** The dialogue still waiting after this reply. */
    flow: FlowName | undefined;
  };
}

/** Dice similarity of the grouping features at or above which a line repeats the last question. */
export const REPHRASE_SIMILARITY = 0.4;

/**
 * 違う / そうじゃない at the start, alone or followed by a pause or an ending (「違う、届かないんです」),
 * but not 「違う商品が届いた」 (a wrong item is a topic, not a rebuttal).
 */
const NEGATION_START =
  /^(?:いや|いえ|えっ?|ん)?[、,。\s]*(?:違う|ちがう|違います|ちがいます|違いますよ|そうじゃない|そうじゃなくて|そうではなく|そういうことじゃない|no|nope|wrong)(?:よ|ね|の|って|んだけど|んです|けど)?(?:[、,。.！!？?\s…]|$)/iu;
/** Rebuttals anywhere in the line. */
const NEGATION_ANYWHERE =
  /そうじゃなく|そういうことじゃな|そういう意味じゃな|答えになってな|質問と違|聞きたいのはそれじゃな|的外れ|(?:解約|キャンセル|退会)(?:したいわけ|の話)?(?:じゃ|では)な|(?:それ|そっち|その話)(?:じゃ|では)な|i (?:don'?t|do not) want to cancel|not what i (?:asked|meant|wanted)|that(?:'| i)?s not (?:it|what)|(?:does|did)n'?t answer|wrong answer|you misunderstood/iu;

function isNegation(text: string): boolean {
  const line = text.normalize('NFKC').trim();
  // Bounded: a rebuttal is short; a long line is a new question whatever it contains.
  if (line.length > 200) return false;
  return NEGATION_START.test(line) || NEGATION_ANYWHERE.test(line);
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size + b.size === 0) return 0;
  let shared = 0;
  for (const f of a) if (b.has(f)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/** The signal this line gives about the last answer, if any. */
export function disputeSignal(input: SignalInput): DisputeSignal | undefined {
  const { last, reply } = input;
  if (!last) return undefined;
  if (reply.decision === 'ask' && reply.reason === 'user-requested') return 'human';
  if (reply.decision === 'handoff' && reply.reason === 'user-requested') return 'human';
  if (isNegation(input.text)) return 'negation';
  if (last.flow) {
    const ownButton = input.chosenIntent?.startsWith('flow.') ?? false;
    const stayed = reply.flow === last.flow || reply.intent === last.intent;
    return ownButton || stayed ? undefined : 'left-flow';
  }
  if (input.chosenIntent) return undefined;
  const similar = dice(questionFeatures(last.text), questionFeatures(input.text)) >= REPHRASE_SIMILARITY;
  return similar ? 'rephrase' : undefined;
}
