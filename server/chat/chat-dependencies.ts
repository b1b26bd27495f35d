/**
 * What a chat connection needs from the server, injected so the steps run without fastify or a socket.
 */
import type { BusinessCalendar } from '../../bot/calendar/business-calendar.ts';
import type { ShopConnector } from '../connector/shop-connector.ts';
import type { ConversationNews } from '../conversation-news/news-registry.ts';
import type { ShopperTokenVerifier } from '../identity/shopper-token-verifier.ts';
import type { EscalationService } from '../mail/escalation-service.ts';
import type { ChatMetrics } from '../metrics/instruments.ts';
import type { Locale, Storage } from '../storage/repository.ts';
import type { StaffMessageStore } from '../storage/staff-message-store.ts';
import type { ChatModel } from './predictor.ts';

/** What a session needs from the server. */
export interface ChatDependencies {
  storage: Storage;
  /** The ready bot and the predictor of its model, read together; undefined while the model loads. */
  model(): ChatModel | undefined;
  now(): Date;
  /** The shop's business calendar: the shop status and the greeting in `welcome`. */
  calendar: BusinessCalendar;
  /** Records completed handoffs (escalation + mail) before their reply is sent. */
  escalations: EscalationService;
  /**
   * The shop's system: a verified shopper's subscriptions and orders are read through it before the
   * dialogue, and the changes they confirm are carried out through it. Absent: every shopper is
   * answered as an anonymous one, and no change is ever carried out.
   */
  connector?: ShopConnector;
  /**
   * Verifies shopper tokens (docs/identity.md), once per connection: at `hello` and when the page hands
   * a new one. Absent: no key is configured, every chat is anonymous and a token sent is refused.
   */
  shopperTokens?: ShopperTokenVerifier;
  /** Longest shopper message accepted, in characters (code points). */
  maxTextLength: number;
  /**
   * The per-socket rate limit, asked once per frame as it arrives: false refuses the frame with
   * CHAT_ERR_RATE_LIMITED (nothing is stored, the socket stays open). Absent: no limit.
   */
  admit?(): boolean;
  /**
   * The per-client limits over every socket, process and instance (server/limits/), asked before a
   * conversation is started or resumed and before a message is handled: false refuses the frame with
   * CHAT_ERR_CLIENT_RATE_LIMITED (nothing is stored). Absent: no limit.
   */
  admitClient?(kind: 'conversation' | 'message'): Promise<boolean>;
  /**
   * Masks personal data in a shopper message before it is stored (server/privacy/). Absent: card
   * numbers are masked anyway.
   */
  maskText?(text: string, locale: Locale): string;
  /**
   * Staff replies (docs/handoff.md): read and marked seen for the widget, and the conversation's
   * resolved escalation re-opened when the shopper answers staff. Absent: none of that.
   */
  staffMessages?: Pick<StaffMessageStore, 'after' | 'markSeen' | 'reopenAnswered'>;
  /** News of a conversation (a staff reply) over every process; absent: no live staff replies. */
  conversationNews?: Pick<ConversationNews, 'subscribe'>;
  /** Chats opened, answers by decision, errors, prediction and commit times (server/metrics/). Absent: none. */
  metrics?: ChatMetrics;
  log: {
    info?(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
  };
}
