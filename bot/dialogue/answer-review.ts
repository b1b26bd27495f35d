/**
 * Reads each shopper line as a possible signal that the previous confident answer was wrong
 * (bot/review/answer-signals.ts), and remembers this reply's answer for the next line.
 */
import { runningFlow } from '../flows/registry.ts';
import { disputeSignal } from '../review/answer-signals.ts';
import type { BotReply, RespondInput } from './bot-contract.ts';

/**
 * Reads this line as a signal about the previous confident answer and remembers this reply's answer for
 * the next line: a classifier answer, or the start of a dialogue. A pressed button (no score) or a
 * dialogue step is nothing the shopper could find wrong in our guess.
 */
export function withAnswerReview(input: RespondInput, reply: BotReply): BotReply {
  const last = input.state.lastAnswer;
  const signal = disputeSignal({
    last,
    text: input.text,
    chosenIntent: input.chosenIntent,
    reply: {
      decision: reply.decision,
      reason: reply.reason,
      intent: reply.intent,
      flow: runningFlow(reply.state.flow)?.name,
    },
  });
  const state = { ...reply.state };
  delete state.lastAnswer;
  // The handoff dialogue is no answer of ours to find wrong: only a flow the line started counts.
  const flow = runningFlow(reply.state.flow);
  const started = flow && !input.state.flow ? flow.name : undefined;
  const { messageId } = input;
  const { intent } = reply;
  const confident =
    intent !== null &&
    intent !== 'human_agent' &&
    reply.score !== null &&
    (reply.decision === 'answer' || started !== undefined);
  if (confident && messageId !== undefined) {
    state.lastAnswer = { messageId, intent, text: input.text, ...(started ? { flow: started } : {}) };
  }
  return {
    ...reply,
    state,
    ...(last && signal ? { dispute: { messageId: last.messageId, signal } } : {}),
  };
}
