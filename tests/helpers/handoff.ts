/**
 * Drives one handoff over the chat socket: ask for a person, give the email, then a summary (or Skip).
 */
import type { ChatClient, Frame } from './test-app.ts';

/** The replies of one handoff dialogue. */
export interface HandoffReplies {
  askEmail: Frame;
  askSummary: Frame;
  done: Frame;
}

/** Runs the dialogue from `seq` on (three messages); without `summary` the shopper presses Skip. */
export async function completeHandoff(
  client: ChatClient,
  options: { seq: number; email: string; summary?: string; opener?: string },
): Promise<HandoffReplies> {
  client.send({ type: 'message', text: options.opener ?? '人と話したい', seq: options.seq });
  const askEmail = await client.next('reply');
  client.send({ type: 'message', text: options.email, seq: options.seq + 1 });
  const askSummary = await client.next('reply');
  client.send(
    options.summary === undefined
      ? { type: 'message', text: 'スキップ', seq: options.seq + 2, intent: 'handoff.skip' }
      : { type: 'message', text: options.summary, seq: options.seq + 2 },
  );
  const done = await client.next('reply');
  return { askEmail, askSummary, done };
}
