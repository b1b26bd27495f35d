/**
 * Turns a flow's step (data) into the bot's reply: an `ask` keeps the flow's state, an `action` is a reply
 * never shown (the server carries the action out and sends the settled reply), an `answer` ends the flow,
 * and a `handoff` ends it in the handoff dialogue with the case filled in.
 */
import type { FlowLine, FlowStep } from '../flows/flow.ts';
import type { FlowState } from '../flows/registry.ts';
import { type HandoffSettings, startHandoff } from '../handoff/handoff-flow.ts';
import type { BotReply, ConversationState, RespondInput } from './bot-contract.ts';

/** The state with no flow (the flow ended or was left). */
export function withoutFlow(state: ConversationState): ConversationState {
  const next = { ...state };
  delete next.flow;
  return next;
}

/** The reply for one flow step on the line `input` (read in `line.locale`). */
export function flowReply(options: {
  input: RespondInput;
  line: FlowLine;
  step: FlowStep<FlowState>;
  intent: string | null;
  score: number | null;
  handoff: HandoffSettings;
}): BotReply {
  const { input, line, step, intent, score } = options;
  const outcome = step.outcome ? { outcome: step.outcome } : {};
  const base = { intent, score, locale: line.locale };
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
    locale: line.locale,
    state,
    knownEmail: input.email ?? null,
    ...(input.messageId ? { messageId: input.messageId } : {}),
    now: input.now,
    lead: step.lead,
    case: step.summary,
    settings: options.handoff,
  });
  return { ...reply, ...outcome };
}
