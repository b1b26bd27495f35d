/**
 * One shopper message, through the pipeline: admit (size) → conversation (bind or start) → mask →
 * predict → dialogue → effects → transcript → reply frame. The guarantees are the order of these calls:
 *
 * - ack only after the durable write: `ack` is sent when the storage promise that stored the shopper
 *   message has resolved, never before;
 * - retries idempotent by seq: a message whose seq was stored before is not stored again; its stored
 *   reply is sent again, or, if it was never answered (the server stopped in between), it is answered
 *   now under its stored id;
 * - the escalation recorded before the reply: a turn with effects stores and acknowledges the shopper
 *   message first, runs its effects (action, handoff), and only then commits and sends its reply;
 * - one commit for a common exchange: a turn without effects is committed with its shopper message and
 *   the new state in one transaction, then acknowledged and answered.
 */
import { firstMessageLocale } from '../../bot/nlu/message-locale.ts';
import { parseConversationState } from '../../bot/respond.ts';
import { secondsSince } from '../metrics/instruments.ts';
import type { ChatErrorCode, ServerFrame } from '../schemas/protocol.ts';
import type {
  AppendShopperResult,
  Conversation,
  Locale,
  NewShopperMessage,
  StoredMessage,
} from '../storage/repository.ts';
import { admitText } from './admit.ts';
import type { ChatDependencies } from './chat-dependencies.ts';
import { startConversation } from './conversation.ts';
import type { ConversationBinding } from './conversation-binding.ts';
import { respondTurn } from './dialogue.ts';
import { runEffects } from './effects.ts';
import { maskCardsOnly, maskedShopperMessage } from './mask.ts';
import { replyFrame } from './message-frames.ts';
import { type ChatModel, predictAhead } from './predictor.ts';
import { readShopperContext } from './shopper-context.ts';
import { conversationPatchOf, Transcript } from './transcript.ts';
import { completedAsIs, hasEffects, type Turn } from './turn.ts';

/** What one message turn works with: the connection's dependencies, binding and outlets. */
export interface MessageTurnContext {
  deps: ChatDependencies;
  binding: ConversationBinding;
  send(frame: ServerFrame): void;
  /** Sends an error frame about message `seq`, in `locale` (default: the binding's). */
  refuse(code: ChatErrorCode, seq: number | null, locale?: Locale): void;
}

/** A `message` frame's fields. */
export interface MessageInput {
  text: string;
  seq: number | null;
  /** The intent of a pressed button. */
  intent: string | undefined;
}

/** One message's place in the pipeline once its conversation is known. */
interface Exchange {
  ctx: MessageTurnContext;
  conversation: Conversation;
  transcript: Transcript;
  seq: number | null;
  intent: string | undefined;
}

/** Handles one `message` frame. */
export async function handleMessage(ctx: MessageTurnContext, input: MessageInput): Promise<void> {
  const { deps, binding } = ctx;
  const admitted = admitText(input.text, deps.maxTextLength, binding.locale);
  if (!admitted.ok) {
    ctx.refuse(admitted.code, input.seq, admitted.locale);
    return;
  }
  let conversation = binding.conversation;
  if (!conversation) {
    binding.locale = firstMessageLocale(admitted.text, binding.locale);
    conversation = await startConversation({ ...deps, send: ctx.send }, binding, false);
  }
  const shopper = maskedShopperMessage(deps.maskText ?? maskCardsOnly, {
    conversationId: conversation.id,
    clientSeq: input.seq,
    text: admitted.text,
    locale: binding.locale,
    now: deps.now(),
  });
  const exchange: Exchange = {
    ctx,
    conversation,
    transcript: new Transcript(deps.storage, conversation.id, deps.metrics),
    seq: input.seq,
    intent: input.intent,
  };
  const model = deps.model();
  if (!model) {
    await answerWithoutModel(exchange, shopper);
    return;
  }
  let turn: Turn;
  try {
    turn = await think(exchange, model, shopper.text, shopper.id, deps.now());
  } catch (error) {
    // The shopper's words are kept (staff see them) even when the bot fails on them.
    await storeThenAcknowledge(exchange, shopper);
    throw error;
  }
  if (!hasEffects(turn)) {
    await commitCommonExchange(exchange, model, shopper, turn);
    return;
  }
  const stored = await storeThenAcknowledge(exchange, shopper);
  if (stored.duplicate) {
    await answerRetry(exchange, model, stored.message);
    return;
  }
  await runEffectsThenReply(exchange, model, turn);
}

/** Predict, then dialogue: the bot's turn for a shopper message (stored or about to be). */
async function think(
  exchange: Exchange,
  model: ChatModel,
  text: string,
  messageId: string,
  now: Date,
): Promise<Turn> {
  const { binding, deps } = exchange.ctx;
  const { intent, conversation } = exchange;
  // A pressed button names its intent: nothing to predict. The shop's data is read meanwhile.
  const started = performance.now();
  const predicted = async () => {
    const prediction = await predictAhead(model.predict, text, binding.locale);
    if (prediction) deps.metrics?.predicted(secondsSince(started));
    return prediction;
  };
  const [prediction, shopper] = await Promise.all([
    intent ? undefined : predicted(),
    readShopperContext(deps.connector, binding.shopper, deps.log),
  ]);
  return respondTurn(model.bot, {
    text,
    messageId,
    ...(intent ? { chosenIntent: intent } : {}),
    locale: binding.locale,
    state: parseConversationState(conversation.state),
    email: binding.replyEmail(conversation),
    now,
    ...(prediction ? { prediction } : {}),
    ...(shopper ? { shopper } : {}),
  });
}

/**
 * Sends the ack of a stored shopper message. A new message in a conversation where staff have written
 * answers them: the conversation's resolved escalation is opened again (staff see the answer).
 */
async function acknowledge(exchange: Exchange, stored: AppendShopperResult): Promise<void> {
  exchange.ctx.send({
    type: 'ack',
    seq: exchange.seq,
    messageId: stored.message.id,
    duplicate: stored.duplicate,
  });
  const { deps } = exchange.ctx;
  if (stored.duplicate || exchange.conversation.staffReplyAt === null || !deps.staffMessages) return;
  const reopened = await deps.staffMessages.reopenAnswered(exchange.conversation.id);
  if (reopened) {
    deps.log.info?.(
      { escalationId: reopened, conversationId: exchange.conversation.id },
      'escalation re-opened: the shopper answered staff',
    );
  }
}

/** Stores the shopper message alone and, once that write is durable, acknowledges it. */
async function storeThenAcknowledge(
  exchange: Exchange,
  shopper: NewShopperMessage,
): Promise<AppendShopperResult> {
  const stored = await exchange.transcript.storeShopper(shopper);
  await acknowledge(exchange, stored);
  return stored;
}

/** Sends a stored reply as the answer to this exchange's message. */
function sendReply(exchange: Exchange, reply: StoredMessage): void {
  exchange.ctx.send(replyFrame(reply, exchange.seq, exchange.ctx.binding.locale));
}

/**
 * No model yet: the message is stored and acknowledged, so a retry with the same seq gets the answer
 * once the model is ready; a retry of a message answered before gets that answer.
 */
async function answerWithoutModel(exchange: Exchange, shopper: NewShopperMessage): Promise<void> {
  const stored = await storeThenAcknowledge(exchange, shopper);
  const earlier = stored.duplicate ? await exchange.transcript.earlierReply(stored.message.id) : undefined;
  if (earlier) sendReply(exchange, earlier);
  else exchange.ctx.refuse('CHAT_ERR_NOT_READY', exchange.seq);
}

/** The common exchange: question, answer and state in one commit, then the ack and the reply. */
async function commitCommonExchange(
  exchange: Exchange,
  model: ChatModel,
  shopper: NewShopperMessage,
  turn: Turn,
): Promise<void> {
  const completed = completedAsIs(turn);
  const committed = await exchange.transcript.commitExchange(shopper, completed);
  await acknowledge(exchange, committed);
  if (committed.duplicate) {
    await answerRetry(exchange, model, committed.message);
    return;
  }
  exchange.ctx.binding.apply(exchange.conversation, conversationPatchOf(completed));
  sendReply(exchange, committed.reply);
  exchange.ctx.deps.metrics?.messageAnswered(completed.reply.decision);
}

/**
 * A retried message (same seq): the reply stored for it is sent again; a message stored but never
 * answered is answered now, under its stored id and text.
 */
async function answerRetry(exchange: Exchange, model: ChatModel, message: StoredMessage): Promise<void> {
  const earlier = await exchange.transcript.earlierReply(message.id);
  if (earlier) {
    sendReply(exchange, earlier);
    return;
  }
  const turn = await think(exchange, model, message.text, message.id, exchange.ctx.deps.now());
  await runEffectsThenReply(exchange, model, turn);
}

/**
 * A reply to a committed shopper message: its effects first (action, escalation), then the bot message
 * and the new state are stored, and only then is the reply sent.
 */
async function runEffectsThenReply(exchange: Exchange, model: ChatModel, turn: Turn): Promise<void> {
  const { deps, binding } = exchange.ctx;
  const completed = await runEffects(
    {
      bot: model.bot,
      ...(deps.connector ? { connector: deps.connector } : {}),
      escalations: deps.escalations,
      log: deps.log,
    },
    turn,
    exchange.conversation,
    binding.replyEmail(exchange.conversation),
  );
  const stored = await exchange.transcript.commit(completed);
  binding.apply(exchange.conversation, conversationPatchOf(completed));
  sendReply(exchange, stored);
  deps.metrics?.messageAnswered(completed.reply.decision);
}
