/**
 * The handoff dialogue. When the bot hands off (the shopper asked for a person, or it could not answer),
 * it says why and asks for the shopper's email (decision `ask`); a known shopper's address is offered
 * instead. The address is validated (header-injection attempts get a clear sentence), can be corrected,
 * and an optional short summary follows (a Skip button). The last reply has decision `handoff` and
 * carries a `HandoffRequest`, which the server records (escalation + mail) before sending the reply.
 * The reply tells the shopper when to expect an answer, from the business calendar. Pure.
 */
import type { BotReply, ConversationState, RespondInput } from '../dialogue/bot-contract.ts';
import type { HandoffReason, QuickReply } from '../dialogue/types.ts';
import { messageTable } from '../i18n/message-table.ts';
import type { Locale } from '../locale.ts';
import { handoffMessages, type HandoffMessageKey as MessageKey } from './handoff-messages.ts';
import { HANDOFF_DIALOGUE, type HandoffState, type HandoffStep } from './handoff-state.ts';
import { isLeaveWord } from './leave-words.ts';
import { type ReplyPromiseSettings, replyPromise } from './reply-promise.ts';
import { type EmailErrorCode, looksLikeEmail, validateEmail } from './validate-email.ts';

const message = messageTable(handoffMessages);

/** Quick-reply intent of the Skip button (summary step). */
export const HANDOFF_SKIP_INTENT = 'handoff.skip';
/** Quick-reply intent of the Cancel button (both steps). */
export const HANDOFF_CANCEL_INTENT = 'handoff.cancel';
/** Longest summary, in characters (Unicode code points). */
export const MAX_SUMMARY_LENGTH = 500;

export type { HandoffRequest, HandoffState, HandoffStep } from './handoff-state.ts';

/** The shop settings the dialogue needs: the calendar and the in-hours promise, in words and minutes. */
export type HandoffSettings = ReplyPromiseSettings;

const REASON_SENTENCES: Record<HandoffReason, MessageKey> = {
  'user-requested': 'handoffRequested',
  'repeated-fallback': 'handoffRepeated',
  'low-confidence': 'handoffLowConfidence',
  'defect-report': 'handoffCaseLead',
  'change-request': 'handoffCaseLead',
};

const EMAIL_ERRORS: Record<EmailErrorCode, MessageKey> = {
  HANDOFF_ERR_EMAIL_EMPTY: 'handoffEmailEmpty',
  HANDOFF_ERR_EMAIL_LINE_BREAK: 'handoffEmailLineBreak',
  HANDOFF_ERR_EMAIL_SPACE: 'handoffEmailSpace',
  HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER: 'handoffEmailForbiddenCharacter',
  HANDOFF_ERR_EMAIL_TOO_LONG: 'handoffEmailTooLong',
  HANDOFF_ERR_EMAIL_FORMAT: 'handoffEmailFormat',
};

function button(locale: Locale, key: 'handoffSkip' | 'handoffCancel', intent: string): QuickReply {
  const label = message(locale, key);
  return { label, text: label, intent };
}

/** The state without the dialogue (after it completes or is cancelled). */
function withoutFlow(state: ConversationState): ConversationState {
  const next = { ...state, misses: 0 };
  delete next.flow;
  return next;
}

/** The step the dialogue waits at, as a reply tells the server. */
function stepOf(flow: HandoffState): HandoffStep {
  return { step: flow.step, email: flow.email };
}

/** An `ask` reply that keeps the dialogue going. */
function ask(
  locale: Locale,
  flow: HandoffState,
  state: ConversationState,
  sentences: string[],
  trigger?: { intent: string | null; score: number | null },
): BotReply {
  const buttons =
    flow.step === 'summary'
      ? [
          button(locale, 'handoffSkip', HANDOFF_SKIP_INTENT),
          button(locale, 'handoffCancel', HANDOFF_CANCEL_INTENT),
        ]
      : [button(locale, 'handoffCancel', HANDOFF_CANCEL_INTENT)];
  return {
    decision: 'ask',
    reason: flow.reason,
    intent: trigger?.intent ?? null,
    score: trigger?.score ?? null,
    locale,
    markdown: sentences.join('\n\n'),
    quickReplies: buttons,
    state: { ...state, misses: 0, flow },
    handoffStep: stepOf(flow),
  };
}

function summaryPrompt(locale: Locale, email: string): string[] {
  return [
    message(locale, 'handoffEmailNoted', { email }),
    message(locale, 'handoffAskSummary', { max: MAX_SUMMARY_LENGTH }),
  ];
}

/**
 * Starts the dialogue: says why, then asks for the address, or (a shopper whose address is known)
 * confirms it and asks for the summary.
 */
export function startHandoff(options: {
  reason: HandoffReason;
  intent: string | null;
  score: number | null;
  locale: Locale;
  state: ConversationState;
  knownEmail: string | null;
  /** The id of the shopper message that starts the handoff. */
  messageId?: string;
  now: Date;
  /** Said instead of the reason's sentence (a flow's own words). */
  lead?: string;
  /** A case a flow filled in: no summary is asked for, and a known address completes at once. */
  case?: string;
  /** Needed to complete at once (a case and a known address). */
  settings?: HandoffSettings;
}): BotReply {
  const { locale, reason } = options;
  // A stored address is re-checked: it becomes a header, and it may predate today's rules.
  const known = options.knownEmail === null ? undefined : validateEmail(options.knownEmail);
  const email = known?.ok ? known.email : null;
  const flow: HandoffState = {
    name: HANDOFF_DIALOGUE,
    id: options.messageId ?? options.now.toISOString(),
    step: email ? 'summary' : 'email',
    reason,
    intent: options.intent,
    score: options.score,
    startedAt: options.now.toISOString(),
    email,
    ...(options.case ? { case: options.case } : {}),
    ...(options.case && options.lead ? { lead: options.lead } : {}),
  };
  if (email && options.case && options.settings) {
    return complete(locale, flow, options.case, { ...options, state: options.state }, options.settings);
  }
  // A case waiting for its address is not accepted yet: say so instead of the flow's confirmation.
  const why = options.case
    ? message(locale, 'handoffCasePending')
    : (options.lead ?? message(locale, REASON_SENTENCES[reason]));
  const next = email ? summaryPrompt(locale, email) : [message(locale, 'handoffAskEmail')];
  return ask(locale, flow, options.state, [why, ...next], options);
}

/**
 * One shopper message inside the dialogue. Returns undefined when the shopper left it by pressing a
 * button of another topic (the caller then answers that as usual).
 */
export function continueHandoff(options: {
  input: RespondInput;
  flow: HandoffState;
  settings: HandoffSettings;
  /** True for an intent the corpus can answer in this locale (a topic button pressed mid-dialogue). */
  isAnswerable(intent: string): boolean;
  /**
   * The bot's reply to a message as if no dialogue were running: a question typed in the email step is
   * answered with it. Absent: every line in the email step is read as an address.
   */
  classify?(input: RespondInput): BotReply;
}): BotReply | undefined {
  const { input, flow, settings } = options;
  // The conversation's language holds for the whole dialogue: an address alone would read as English.
  const locale = input.locale;
  const chosen = input.chosenIntent;
  const cancelLabels = [message('ja', 'handoffCancel'), message('en', 'handoffCancel')];
  if (chosen === HANDOFF_CANCEL_INTENT || (!chosen && isLeaveWord(input.text, cancelLabels))) {
    return {
      decision: 'answer',
      reason: null,
      intent: null,
      score: null,
      locale,
      markdown: message(locale, 'handoffCancelled'),
      quickReplies: [],
      state: withoutFlow(input.state),
    };
  }
  if (chosen && chosen !== 'human_agent' && !chosen.startsWith('handoff.') && options.isAnswerable(chosen)) {
    return undefined;
  }

  // A client without buttons may type the label instead of pressing Skip.
  const skipped = chosen === HANDOFF_SKIP_INTENT || input.text.trim() === message(locale, 'handoffSkip');
  if (flow.step === 'summary' && skipped) {
    return complete(locale, flow, null, input, settings);
  }
  if (flow.step === 'email' && !chosen && !input.text.includes('@') && options.classify) {
    const reply = questionInEmailStep(input, flow, options.classify);
    if (reply) return reply;
  }
  if (flow.step === 'email' || looksLikeEmail(input.text)) {
    const check = validateEmail(input.text);
    if (!check.ok) {
      // A line that is no attempt at an address (no `@`) may come from a shopper who wants out: say how.
      const again =
        flow.step === 'summary'
          ? [message(locale, 'handoffAskSummary', { max: MAX_SUMMARY_LENGTH })]
          : input.text.includes('@')
            ? []
            : [message(locale, 'handoffEmailHowToLeave')];
      return ask(locale, flow, input.state, [message(locale, EMAIL_ERRORS[check.code]), ...again]);
    }
    if (flow.case) return complete(locale, { ...flow, email: check.email }, flow.case, input, settings);
    return ask(
      locale,
      { ...flow, step: 'summary', email: check.email },
      input.state,
      summaryPrompt(locale, check.email),
    );
  }
  const summary = input.text.trim();
  if ([...summary].length > MAX_SUMMARY_LENGTH) {
    return ask(locale, flow, input.state, [
      message(locale, 'handoffSummaryTooLong', { max: MAX_SUMMARY_LENGTH }),
    ]);
  }
  return complete(locale, flow, summary === '' ? null : summary, input, settings);
}

/**
 * A line without `@` typed while the bot waits for the address. A question the bot can answer is answered,
 * and the step is offered again (the dialogue state stays); a question that starts a dialogue flow leaves
 * the handoff for that flow; asking for a person again repeats the request for the address. Anything else
 * returns undefined and is read as a mistyped address.
 */
function questionInEmailStep(
  input: RespondInput,
  flow: HandoffState,
  classify: (input: RespondInput) => BotReply,
): BotReply | undefined {
  const state = { ...input.state };
  delete state.flow;
  const reply = classify({ ...input, state });
  if (reply.state.flow && reply.state.flow.name !== HANDOFF_DIALOGUE) return reply;
  if (reply.decision === 'answer' && reply.intent !== null) {
    return {
      ...reply,
      markdown: `${reply.markdown}\n\n${message(reply.locale, 'handoffEmailAgain')}`,
      quickReplies: [button(reply.locale, 'handoffCancel', HANDOFF_CANCEL_INTENT)],
      state: { ...reply.state, flow },
      handoffStep: stepOf(flow),
    };
  }
  if (reply.decision === 'ask' && reply.intent === 'human_agent') {
    return ask(input.locale, flow, input.state, [message(input.locale, 'handoffAskEmail')]);
  }
  return undefined;
}

/** The last reply: decision `handoff`, the reply-time promise, and the request the server records. */
function complete(
  locale: Locale,
  flow: HandoffState,
  summary: string | null,
  input: Pick<RespondInput, 'now' | 'state'>,
  settings: HandoffSettings,
): BotReply {
  const email = flow.email!;
  const promise = replyPromise(settings, input.now, locale);
  return {
    decision: 'handoff',
    reason: flow.reason,
    intent: flow.intent,
    score: flow.score,
    locale,
    markdown: [flow.lead, message(locale, 'handoffDone', { email }), promise.text]
      .filter((part) => part !== undefined)
      .join('\n\n'),
    quickReplies: [],
    state: withoutFlow(input.state),
    handoff: { id: flow.id, reason: flow.reason, email, summary, startedAt: flow.startedAt, promise },
  };
}
