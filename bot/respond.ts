/**
 * The bot's one entry point for the server: plain inputs in (text, locale, conversation state, clock),
 * data out (decision, markdown, quick replies, new state). It never reads the clock, files or environment.
 */
import { renderAnswer, type ShopFacts } from './answers/render-answer.ts';
import type { Corpus, LoadedIntent } from './corpus/load-corpus.ts';
import { BotError } from './errors.ts';
import { type CancellationState, cancellationFlow } from './flows/cancellation-flow.ts';
import { type DefectState, defectFlow } from './flows/defect-flow.ts';
import type {
  ActionResult,
  Flow,
  FlowAction,
  FlowInput,
  FlowName,
  FlowOutcome,
  FlowSettings,
  FlowStep,
} from './flows/flow.ts';
import { type ShippingDateState, shippingDateFlow } from './flows/shipping-date-flow.ts';
import { type SizingState, sizingFlow } from './flows/sizing-flow.ts';
import { type SubscriptionState, subscriptionFlow } from './flows/subscription-flow.ts';
import type { GreetingState } from './greeting/proactive-greeting.ts';
import {
  continueHandoff,
  type HandoffRequest,
  type HandoffSettings,
  type HandoffState,
  startHandoff,
} from './handoff/handoff-flow.ts';
import { message } from './i18n/messages.ts';
import type { NoneReason } from './nlu/decide.ts';
import type { IntentEngine, NluResult } from './nlu/intent-engine.ts';
import { detectLocale, normalizeText } from './nlu/normalize.ts';
import type { PooledPrediction } from './nlu/prediction-pool.ts';
import { type Locale, NONE_INTENT } from './nlu/types.ts';
import { type Dispute, disputeSignal, type LastAnswer } from './review/answer-signals.ts';

/** A button under a bot message. Sending it sends `text` as the shopper's message with `intent` attached. */
export interface QuickReply {
  label: string;
  text: string;
  intent: string;
}

/**
 * Why the bot hands a conversation to a person (closed set). `defect-report`: the defect flow took a
 * case; `change-request`: a flow took a request staff carry out (cancellation by order number).
 */
export type HandoffReason =
  | 'low-confidence'
  | 'repeated-fallback'
  | 'user-requested'
  | 'defect-report'
  | 'change-request';

/** The state of the flow in progress (one at a time). */
export type FlowState = CancellationState | ShippingDateState | DefectState | SizingState | SubscriptionState;

/** Dialogue state kept per conversation (stored as JSON by the server). */
export interface ConversationState {
  /** Consecutive messages the bot could not answer. */
  misses: number;
  /** Present while the handoff dialogue asks for the email and summary (absent in older states). */
  handoff?: HandoffState;
  /** Present while a flow (cancellation, shipping date, defect) waits for a slot (absent in older states). */
  flow?: FlowState;
  /** The proactive greeting was shown or dismissed (absent until then): it is never offered again. */
  greeting?: GreetingState;
  /** The confident answer of the last line, for one line: the next may say it was wrong (bot/review/). */
  lastAnswer?: LastAnswer;
}

/** What the bot needs to answer one message. */
export interface RespondInput {
  text: string;
  /** Set when the shopper pressed a quick reply or clarify button: answer this intent directly. */
  chosenIntent?: string;
  /** The conversation's locale, used when the text itself has no letters. */
  locale: Locale;
  state: ConversationState;
  /** The shopper's address from an earlier handoff, offered again instead of asking; null if unknown. */
  email?: string | null;
  /** The stored id of this shopper message; a handoff it starts is named after it (idempotent recording). */
  messageId?: string;
  now: Date;
  /**
   * The engine's prediction for this text, made ahead on another thread (prediction-pool.ts). Used only
   * when it was asked for the same text and fallback locale the dialogue needs; else predicted here.
   */
  prediction?: PooledPrediction;
}

/** The bot's reply. */
export interface BotReply {
  /** `ask`: the handoff dialogue asks the shopper something (email, summary). */
  decision: 'answer' | 'clarify' | 'none' | 'handoff' | 'ask';
  reason: HandoffReason | null;
  intent: string | null;
  score: number | null;
  locale: Locale;
  markdown: string;
  quickReplies: QuickReply[];
  state: ConversationState;
  /** Only on the `handoff` reply that completes the dialogue: what the server must record before sending. */
  handoff?: HandoffRequest;
  /** An analytics fact of a flow (a cancellation retained or not), stored with the bot message. */
  outcome?: FlowOutcome;
  /**
   * A change the server must carry out (a subscription change the shopper confirmed). Such a reply is
   * never sent: the server performs the action and sends what `Bot.settle` returns for its result.
   */
  action?: FlowAction;
  /** This line says the previous confident answer was wrong: the server sends that answer to review. */
  dispute?: Dispute;
  /** On a `none` reply: why the engine refused (bot/nlu/decide.ts), kept for staff reviewing the queue. */
  nluReason?: NoneReason;
}

/** The result of a reply's action, given back to the bot. */
export interface SettleInput {
  /** The `state` of the reply that carried the action. */
  state: ConversationState;
  action: FlowAction;
  result: ActionResult;
  locale: Locale;
  email?: string | null;
  messageId?: string;
  now: Date;
}

/** Topics offered after a miss: the questions shops get most. */
const COMMON_TOPICS = [
  'subscription.interval_change',
  'subscription.skip',
  'shipping.when',
  'subscription.cancel',
  'human_agent',
];

/** A slot answer without words: digits with a unit, or a size letter. */
const VALUE_ONLY = /^\s*(?:[\d.,]+\s*(?:cm|mm|kg)?|xxs|xs|s|m|l|xl|xxl|xxxl|[2-4]l)\s*$/iu;

/** A ready bot. */
export interface Bot {
  respond(input: RespondInput): BotReply;
  /** The reply after the server carried out a reply's `action` (success, or a failure offering a handoff). */
  settle(input: SettleInput): BotReply;
  /** The empty state of a new conversation. */
  initialState(): ConversationState;
}

/** Builds the bot from a trained engine, the corpus (answers, titles), the shop's facts and calendar. */
export function createBot(options: {
  engine: IntentEngine;
  corpus: Corpus;
  shop: ShopFacts;
  handoff: HandoffSettings;
  /** The flows' shop facts; without them every intent gets its plain corpus answer. */
  flows?: FlowSettings;
}): Bot {
  const { engine, shop } = options;
  /** The prediction made ahead when it answers this question, else the engine's own. */
  const predictFor = (input: RespondInput, locale: Locale): NluResult => {
    const ahead = input.prediction;
    return ahead && ahead.text === input.text && ahead.fallback === locale
      ? ahead.result
      : engine.predict(input.text, locale);
  };
  const flows: Record<FlowName, Flow<FlowState>> = {
    cancellation: cancellationFlow as Flow<FlowState>,
    'shipping-date': shippingDateFlow as Flow<FlowState>,
    defect: defectFlow as Flow<FlowState>,
    sizing: sizingFlow as Flow<FlowState>,
    subscription: subscriptionFlow as Flow<FlowState>,
  };
  const flowFor = (intent: string): Flow<FlowState> | undefined =>
    Object.values(flows).find((f) => f.intents.includes(intent) && options.flows?.enabled[f.name]);
  const intents = new Map<string, LoadedIntent>();
  for (const intent of options.corpus.intents) intents.set(`${intent.locale}:${intent.id}`, intent);
  const find = (locale: Locale, id: string): LoadedIntent | undefined => intents.get(`${locale}:${id}`);

  const button = (locale: Locale, id: string): QuickReply | undefined => {
    const intent = find(locale, id);
    return intent && { label: intent.title, text: intent.title, intent: id };
  };
  const buttons = (locale: Locale, ids: readonly string[]): QuickReply[] =>
    ids.map((id) => button(locale, id)).filter((b): b is QuickReply => b !== undefined);

  const handoff = (
    input: RespondInput,
    locale: Locale,
    reason: HandoffReason,
    intent: string | null,
    score: number | null,
  ): BotReply =>
    startHandoff({
      reason,
      intent,
      score,
      locale,
      state: input.state,
      knownEmail: input.email ?? null,
      ...(input.messageId ? { messageId: input.messageId } : {}),
      now: input.now,
    });

  /** The state with no flow (the flow ended or was left). */
  const withoutFlow = (state: ConversationState): ConversationState => {
    const next = { ...state };
    delete next.flow;
    return next;
  };

  /** Turns a flow step into the reply. */
  const flowReply = (
    input: RespondInput,
    fi: FlowInput,
    step: FlowStep<FlowState>,
    intent: string | null,
    score: number | null,
  ): BotReply => {
    const outcome = step.outcome ? { outcome: step.outcome } : {};
    const base = { intent, score, locale: fi.locale };
    if (step.kind === 'ask') {
      return {
        ...base,
        decision: 'ask',
        reason: null,
        markdown: step.markdown,
        quickReplies: step.quickReplies,
        state: { ...input.state, misses: 0, flow: step.state },
        ...outcome,
      };
    }
    if (step.kind === 'action') {
      // Not for the shopper's eyes: the server carries out the action and sends the settled reply.
      return {
        ...base,
        decision: 'ask',
        reason: null,
        markdown: '',
        quickReplies: [],
        state: { ...input.state, misses: 0, flow: step.state },
        action: step.action,
      };
    }
    const state = { ...withoutFlow(input.state), misses: 0 };
    if (step.kind === 'answer') {
      return {
        ...base,
        decision: 'answer',
        reason: null,
        markdown: step.markdown,
        quickReplies: step.quickReplies ?? [],
        state,
        ...outcome,
      };
    }
    const reply = startHandoff({
      reason: step.reason,
      intent,
      score,
      locale: fi.locale,
      state,
      knownEmail: input.email ?? null,
      ...(input.messageId ? { messageId: input.messageId } : {}),
      now: input.now,
      lead: step.lead,
      case: step.summary,
      settings: options.handoff,
    });
    return { ...reply, ...outcome };
  };

  const flowInput = (input: RespondInput, locale: Locale, settings: FlowSettings): FlowInput => ({
    text: input.text,
    chosen: input.chosenIntent,
    locale,
    now: input.now,
    settings,
    ...(input.messageId ? { messageId: input.messageId } : {}),
  });

  /** One line while a flow waits: a slot answer first; a confident other question leaves the flow. */
  const continueFlow = (input: RespondInput, current: FlowState, settings: FlowSettings): BotReply => {
    const flow = flows[current.name];
    // A flow's own button, or a bare value (「24.5cm」, 「M」), says nothing about the shopper's language.
    const valueOnly =
      input.chosenIntent?.startsWith('flow.') || VALUE_ONLY.test(input.text.normalize('NFKC'));
    const locale = valueOnly ? input.locale : detectLocale(normalizeText(input.text), input.locale);
    const fi = flowInput(input, locale, settings);
    const chosen = input.chosenIntent;
    const leave = (): BotReply => classify({ ...input, state: withoutFlow(input.state) });
    if (chosen && !chosen.startsWith('flow.') && find(locale, chosen)) return leave();
    let step = flow.next(fi, current, true);
    if (!step && !chosen) {
      const { decision } = predictFor(input, locale);
      const otherQuestion =
        decision.decision === 'answer' &&
        decision.intent !== NONE_INTENT &&
        !flow.intents.includes(decision.intent);
      if (!otherQuestion) step = flow.next(fi, current, false);
    }
    const intent = flow.intentOf?.(current) ?? flow.intents[0] ?? null;
    return step ? flowReply(input, fi, step, intent, null) : leave();
  };

  const answer = (input: RespondInput, locale: Locale, id: string, score: number | null): BotReply => {
    if (id === 'human_agent') return handoff(input, locale, 'user-requested', id, score);
    const flow = flowFor(id);
    const intent = find(locale, id);
    if (flow && options.flows) {
      const fi = {
        ...flowInput(input, locale, options.flows),
        intent: id,
        corpusAnswer: renderAnswer(intent?.answer ?? '', shop, locale),
        corpusQuickReplies: buttons(locale, intent?.quickReplies ?? []),
      };
      return flowReply(input, fi, flow.start(fi), id, score);
    }
    return {
      decision: 'answer',
      reason: null,
      intent: id,
      score,
      locale,
      markdown: renderAnswer(intent?.answer ?? '', shop, locale),
      quickReplies: buttons(locale, intent?.quickReplies ?? []),
      state: { ...input.state, misses: 0 },
    };
  };

  const classify = (input: RespondInput): BotReply => {
    const locale = detectLocale(normalizeText(input.text), input.locale);
    if (input.chosenIntent && input.chosenIntent !== NONE_INTENT && find(locale, input.chosenIntent)) {
      return answer(input, locale, input.chosenIntent, null);
    }
    const result = predictFor(input, locale);
    const { decision } = result;
    if (decision.decision === 'answer') return answer(input, result.locale, decision.intent, decision.score);
    if (decision.decision === 'clarify') {
      return {
        decision: 'clarify',
        reason: null,
        intent: decision.intent,
        score: decision.score,
        locale: result.locale,
        markdown: message(result.locale, 'clarify'),
        quickReplies: buttons(
          result.locale,
          decision.candidates.map((c) => c.intent),
        ),
        state: { ...input.state, misses: 0 },
      };
    }
    const misses = input.state.misses + 1;
    if (misses >= 2) {
      return handoff(input, result.locale, 'repeated-fallback', decision.intent, decision.score);
    }
    return {
      decision: 'none',
      reason: null,
      nluReason: decision.reason,
      intent: decision.intent,
      score: decision.score,
      locale: result.locale,
      markdown: message(result.locale, 'rephrase'),
      quickReplies: buttons(result.locale, COMMON_TOPICS),
      state: { ...input.state, misses },
    };
  };

  const bot: Bot = {
    initialState: () => ({ misses: 0 }),
    settle(input) {
      const current = input.state.flow;
      const flow = current && flows[current.name];
      if (!current || !flow?.settle || !options.flows) {
        throw new BotError('BOT_ERR_NO_PENDING_ACTION', 'settle() needs the state of a reply with an action');
      }
      const respondInput: RespondInput = {
        text: '',
        locale: input.locale,
        state: input.state,
        email: input.email ?? null,
        ...(input.messageId ? { messageId: input.messageId } : {}),
        now: input.now,
      };
      const fi = flowInput(respondInput, input.locale, options.flows);
      return flowReply(respondInput, fi, flow.settle(fi, current, input.result), input.action.type, null);
    },
    respond(input) {
      const current = input.state.flow;
      if (current && !input.state.handoff && options.flows && flows[current.name]) {
        return continueFlow(input, current, options.flows);
      }
      const flow = input.state.handoff;
      if (!flow) return classify(input);
      const reply = continueHandoff({
        input,
        flow,
        settings: options.handoff,
        isAnswerable: (id) => find(input.locale, id) !== undefined && id !== NONE_INTENT,
        classify,
      });
      if (reply) return reply;
      // The shopper pressed another topic's button: leave the dialogue and answer that.
      const state = { ...input.state };
      delete state.handoff;
      return classify({ ...input, state });
    },
  };
  // The wrong-answer signals read every reply to a shopper line (not the settled reply of an action).
  return { ...bot, respond: (input) => withAnswerReview(input, bot.respond(input)) };
}

/**
 * Reads this line as a signal about the previous confident answer (bot/review/answer-signals.ts) and
 * remembers this reply's answer for the next line: a classifier answer, or the start of a dialogue. A
 * pressed button (no score) or a dialogue step is nothing the shopper could find wrong in our guess.
 */
function withAnswerReview(input: RespondInput, reply: BotReply): BotReply {
  const last = input.state.lastAnswer;
  const signal = disputeSignal({
    last,
    text: input.text,
    chosenIntent: input.chosenIntent,
    reply: {
      decision: reply.decision,
      reason: reply.reason,
      intent: reply.intent,
      flow: reply.state.flow?.name,
    },
  });
  const state = { ...reply.state };
  delete state.lastAnswer;
  const started = reply.state.flow && !input.state.flow ? reply.state.flow.name : undefined;
  const confident =
    input.messageId !== undefined &&
    reply.intent !== null &&
    reply.intent !== 'human_agent' &&
    reply.score !== null &&
    (reply.decision === 'answer' || started !== undefined);
  if (confident) {
    state.lastAnswer = {
      messageId: input.messageId!,
      intent: reply.intent!,
      text: input.text,
      ...(started ? { flow: started } : {}),
    };
  }
  return {
    ...reply,
    state,
    ...(last && signal ? { dispute: { messageId: last.messageId, signal } } : {}),
  };
}
