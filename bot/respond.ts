/**
 * The bot's one entry point for the server: plain inputs in (text, locale, conversation state, clock),
 * data out (decision, markdown, quick replies, new state). It never reads the clock, files or environment.
 * The public types live in dialogue/bot-contract.ts and are re-exported here.
 */

import { fillPlaceholders, placeholderValues, type ShopFacts } from './answers/render-answer.ts';
import type { Corpus, LoadedIntent } from './corpus/load-corpus.ts';
import { withAnswerReview } from './dialogue/answer-review.ts';
import type { Bot, BotReply, RespondInput } from './dialogue/bot-contract.ts';
import { initialConversationState } from './dialogue/conversation-state.ts';
import { flowReply, withoutFlow } from './dialogue/flow-reply.ts';
import type { HandoffReason, QuickReply } from './dialogue/types.ts';
import { withoutOrderReferences } from './entities/order-reference.ts';
import { BotError } from './errors.ts';
import type { BoundFlow, FlowLine, FlowStep } from './flows/flow.ts';
import {
  bindFlows,
  type DialogueState,
  type FlowSettings,
  type FlowState,
  runningFlow,
  runningHandoff,
} from './flows/registry.ts';
import { continueHandoff, type HandoffSettings, startHandoff } from './handoff/handoff-flow.ts';
import { message } from './i18n/messages.ts';
import type { Locale } from './locale.ts';
import type { IntentEngine, NluResult } from './nlu/intent-engine.ts';
import { messageLocale } from './nlu/message-locale.ts';
import { NONE_INTENT } from './nlu/types.ts';

export type {
  Bot,
  BotReply,
  ConversationState,
  HandoffReason,
  QuickReply,
  RespondInput,
  SettleInput,
} from './dialogue/bot-contract.ts';
export { parseConversationState } from './dialogue/conversation-state.ts';
export type { FlowState } from './flows/registry.ts';

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
  // A bot's shop facts do not change while it lives: their formatted values (prices as 「3,980円」) are
  // made once, not for every answer.
  const placeholders: Record<Locale, Record<string, string>> = {
    ja: placeholderValues(shop, 'ja'),
    en: placeholderValues(shop, 'en'),
  };
  /** The prediction made ahead when it answers this question, else the engine's own. */
  const predictFor = (input: RespondInput, locale: Locale): NluResult => {
    const ahead = input.prediction;
    return ahead && ahead.text === input.text && ahead.fallback === locale
      ? ahead.result
      : engine.predict(input.text, locale);
  };
  const flows = bindFlows(options.flows?.config);
  /** The running flows that start from each intent, in the registry's order (fixed for a bot's life). */
  const flowsByIntent = new Map<string, BoundFlow<FlowState>[]>();
  for (const flow of Object.values(flows)) {
    if (!options.flows?.enabled[flow.name]) continue;
    for (const intent of flow.intents)
      flowsByIntent.set(intent, [...(flowsByIntent.get(intent) ?? []), flow]);
  }
  /** The first running flow that starts from `intent` and takes this line (a verified shopper's, …). */
  const flowFor = (intent: string, line: FlowLine): BoundFlow<FlowState> | undefined =>
    flowsByIntent.get(intent)?.find((f) => f.accepts(line));
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

  /** Turns a flow step into the reply. */
  const stepReply = (
    input: RespondInput,
    line: FlowLine,
    step: FlowStep<FlowState>,
    intent: string | null,
    score: number | null,
  ): BotReply => flowReply({ input, line, step, intent, score, handoff: options.handoff });

  const flowInput = (input: RespondInput, locale: Locale, settings: FlowSettings): FlowLine => ({
    text: input.text,
    chosen: input.chosenIntent,
    locale,
    now: input.now,
    settings,
    ...(input.messageId ? { messageId: input.messageId } : {}),
    ...(input.shopper ? { shopper: input.shopper } : {}),
  });

  /**
   * One line while a flow waits: a slot answer first; a confident other question leaves the flow
   * (undefined: the caller answers the line without it).
   */
  const continueFlow = (
    input: RespondInput,
    flow: BoundFlow<FlowState>,
    current: FlowState,
    settings: FlowSettings,
  ): BotReply | undefined => {
    // A flow's own button, or a bare value (「24.5cm」, 「M」), says nothing about the shopper's language.
    const valueOnly =
      input.chosenIntent?.startsWith('flow.') || VALUE_ONLY.test(input.text.normalize('NFKC'));
    const locale = valueOnly ? input.locale : messageLocale(input.text, input.locale);
    const fi = flowInput(input, locale, settings);
    const chosen = input.chosenIntent;
    if (chosen && !chosen.startsWith('flow.') && find(locale, chosen)) return undefined;
    let step = flow.next(fi, current, true);
    if (!step && !chosen) {
      const { decision } = predictFor(input, locale);
      const otherQuestion =
        decision.decision === 'answer' &&
        decision.intent !== NONE_INTENT &&
        !flow.intents.includes(decision.intent);
      if (!otherQuestion) step = flow.next(fi, current, false);
    }
    return step ? stepReply(input, fi, step, flow.intentOf(current), null) : undefined;
  };

  /**
   * One line while a dialogue waits, by its kind (bot/flows/registry.ts): a flow, or the handoff
   * dialogue. Undefined when the line leaves it (another topic's button, a confident other question).
   */
  const continueDialogue = (input: RespondInput, current: DialogueState): BotReply | undefined => {
    const handoffState = runningHandoff(current);
    if (handoffState) {
      return continueHandoff({
        input,
        flow: handoffState,
        settings: options.handoff,
        isAnswerable: (id) => find(input.locale, id) !== undefined && id !== NONE_INTENT,
        classify,
      });
    }
    const flowState = runningFlow(current);
    const flow = flowState && flows[flowState.name];
    // Flows switched off since the state was stored: the line is answered without the flow.
    return flowState && flow && options.flows
      ? continueFlow(input, flow, flowState, options.flows)
      : undefined;
  };

  const answer = (input: RespondInput, locale: Locale, id: string, score: number | null): BotReply => {
    if (id === 'human_agent') return handoff(input, locale, 'user-requested', id, score);
    const intent = find(locale, id);
    // Rendered once: a flow's step may quote the corpus answer, else it is the reply.
    const markdown = fillPlaceholders(intent?.answer ?? '', placeholders[locale]);
    const quickReplies = buttons(locale, intent?.quickReplies ?? []);
    // Most answers start no flow: the flow's line is built only for an intent that may start one.
    if (options.flows && flowsByIntent.has(id)) {
      const fi = {
        ...flowInput(input, locale, options.flows),
        intent: id,
        corpusAnswer: markdown,
        corpusQuickReplies: quickReplies,
      };
      const flow = flowFor(id, fi);
      if (flow) return stepReply(input, fi, flow.start(fi), id, score);
    }
    return {
      decision: 'answer',
      reason: null,
      intent: id,
      score,
      locale,
      markdown,
      quickReplies,
      state: { ...input.state, misses: 0 },
    };
  };

  /**
   * A line the engine could not answer that names an order (「注文10034の配送状況は？」) is classified
   * again without the order number and its keyword: they say which order, not what is asked, and the
   * classifier reads their digits as noise. Only an answer of the second reading counts; the flow it
   * starts still gets the whole line (the tracking flow reads the number from it). Nothing is unlocked
   * by this: the flows decide what an order number may do, and for an anonymous shopper it is nothing.
   */
  const withoutOrderNumber = (input: RespondInput, first: NluResult, locale: Locale): NluResult => {
    if (first.decision.decision === 'answer') return first;
    const rest = withoutOrderReferences(input.text, options.flows?.orderNumberPattern);
    if (rest === undefined) return first;
    const again = engine.predict(rest, locale);
    return again.decision.decision === 'answer' ? { ...again, text: input.text } : first;
  };

  const classify = (input: RespondInput): BotReply => {
    const locale = messageLocale(input.text, input.locale);
    if (input.chosenIntent && input.chosenIntent !== NONE_INTENT && find(locale, input.chosenIntent)) {
      return answer(input, locale, input.chosenIntent, null);
    }
    const result = withoutOrderNumber(input, predictFor(input, locale), locale);
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
    initialState: initialConversationState,
    settle(input) {
      const current = runningFlow(input.state.flow);
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
        ...(input.shopper ? { shopper: input.shopper } : {}),
      };
      const fi = flowInput(respondInput, input.locale, options.flows);
      const step = flow.settle(fi, current, input.result);
      if (!step) {
        throw new BotError('BOT_ERR_NO_PENDING_ACTION', 'settle() needs the state of a reply with an action');
      }
      return stepReply(respondInput, fi, step, flow.intentOf(current), null);
    },
    respond(input) {
      const current = input.state.flow;
      if (!current) return classify(input);
      // A line that leaves the waiting dialogue is answered as if none were running.
      return continueDialogue(input, current) ?? classify({ ...input, state: withoutFlow(input.state) });
    },
  };
  // The wrong-answer signals read every reply to a shopper line (not the settled reply of an action).
  return { ...bot, respond: (input) => withAnswerReview(input, bot.respond(input)) };
}
