/**
 * The WebSocket chat protocol (`/chat`), as TypeBox schemas: the single source of the wire types for the
 * server and (via `import type`) the widget. Documented for humans in docs/protocol.md.
 */
import { type Static, Type } from '@sinclair/typebox';
import { DecisionSchema } from '../../bot/dialogue/types.ts';
import { LocaleSchema } from '../../bot/locale.ts';

/**
 * The intent of a pressed button: an intent id (`shipping.fee`), or a flow's button that carries a shop's
 * id percent-encoded after it (`flow.shopper.pick.demo-sub-taro-kurozu`; bot/flows/shopper-subscriptions.ts).
 * Long enough for a 200-character id in any script.
 */
const ButtonIntent = Type.String({ pattern: "^[a-z][A-Za-z0-9_.~%!*'()-]*$", maxLength: 2048 });
/** Capability token: 32 random bytes, base64url (43 characters). */
const Token = Type.String({ pattern: '^[A-Za-z0-9_-]{43}$' });
/**
 * A shopper token: the JWT the shop's server signs for its logged-in shopper (docs/identity.md). Only
 * bounded here; the identity step verifies it.
 */
const ShopperToken = Type.String({ minLength: 1, maxLength: 4096 });
const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });

/**
 * Starts a new conversation, or resumes one with its token. Optional: a first `message` starts one too.
 * `shopper`: the shop-signed token of a logged-in shopper, verified once here for the connection.
 */
export const HelloFrame = Type.Object(
  {
    type: Type.Literal('hello'),
    token: Type.Optional(Token),
    locale: Type.Optional(LocaleSchema),
    shopper: Type.Optional(ShopperToken),
  },
  { additionalProperties: false },
);

/** A shopper message. `seq` makes retries idempotent; `intent` is set when a button was pressed. */
export const MessageFrame = Type.Object(
  {
    type: Type.Literal('message'),
    text: Type.String({ minLength: 1 }),
    seq: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    intent: Type.Optional(ButtonIntent),
  },
  { additionalProperties: false },
);

/** Helpful / not helpful on one bot message. */
export const FeedbackFrame = Type.Object(
  {
    type: Type.Literal('feedback'),
    messageId: Uuid,
    value: Type.Union([Type.Literal('helpful'), Type.Literal('not-helpful')]),
  },
  { additionalProperties: false },
);

/** Application-level keep-alive. */
export const PingFrame = Type.Object({ type: Type.Literal('ping') }, { additionalProperties: false });

/** The shopper closed the proactive greeting: it is recorded so the conversation is never greeted again. */
export const GreetingDismissedFrame = Type.Object(
  { type: Type.Literal('greeting-dismissed') },
  { additionalProperties: false },
);

/**
 * The page handed the widget a new shopper token (refreshed before expiry, signed in) or took it away
 * (`null`: signed out). Verified at once; answered by `shopper-ack` (after a fresh `welcome` when the
 * conversation must change, docs/identity.md).
 */
export const ShopperFrame = Type.Object(
  { type: Type.Literal('shopper'), shopper: Type.Union([ShopperToken, Type.Null()]) },
  { additionalProperties: false },
);

/**
 * The shopper has seen the staff messages up to transcript seq `seq` (the widget's panel was open when
 * they arrived, or was opened since): they no longer count as unread, on this page or the next.
 */
export const SeenFrame = Type.Object(
  { type: Type.Literal('seen'), seq: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
  { additionalProperties: false },
);

export const ClientFrame = Type.Union([
  HelloFrame,
  ShopperFrame,
  MessageFrame,
  FeedbackFrame,
  PingFrame,
  GreetingDismissedFrame,
  SeenFrame,
]);
/** Any frame a client may send. */
export type ClientFrame = Static<typeof ClientFrame>;
/** The `type` values a client may send. */
export const CLIENT_FRAME_TYPES = [
  'hello',
  'shopper',
  'message',
  'feedback',
  'ping',
  'greeting-dismissed',
  'seen',
] as const;

export const QuickReplySchema = Type.Object({
  label: Type.String(),
  text: Type.String(),
  intent: Type.String(),
});

/**
 * Handoff facts on the replies of the handoff dialogue (and their history messages): its `ask`s, its
 * `handoff`, and an `answer` to a question typed in the email step. `step`: `email` (the bot asks for
 * the address: show an email field; no other reply asks for one, flow questions carry no `handoff`),
 * `summary` (address known, optional summary or Skip), `done` (recorded: staff will reply by email).
 */
export const HandoffInfoSchema = Type.Object({
  step: Type.Union([Type.Literal('email'), Type.Literal('summary'), Type.Literal('done')]),
  /** `summary` and `done`: the address the reply goes to. */
  email: Type.Optional(Type.String()),
  /** `done`: the short reference the shopper can quote (also in the mail subject). */
  ticket: Type.Optional(Type.String()),
  /** `done`: whether the shop was open when the handoff was recorded. */
  open: Type.Optional(Type.Boolean()),
  /** `done`: when closed, the next opening (ISO 8601, UTC); null when open or unknown. */
  nextOpening: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});
export type HandoffInfo = Static<typeof HandoffInfoSchema>;

/** One message of a restored history; `staff`: a reply written by the shop's staff in the console. */
export const HistoryMessage = Type.Object({
  id: Uuid,
  role: Type.Union([Type.Literal('shopper'), Type.Literal('bot'), Type.Literal('staff')]),
  seq: Type.Integer(),
  /** Shopper messages: the client's seq, so a resumed client continues numbering after it. */
  clientSeq: Type.Union([Type.Integer(), Type.Null()]),
  text: Type.String(),
  decision: Type.Union([Type.String(), Type.Null()]),
  intent: Type.Union([Type.String(), Type.Null()]),
  quickReplies: Type.Array(QuickReplySchema),
  feedback: Type.Union([Type.Literal('helpful'), Type.Literal('not-helpful'), Type.Null()]),
  createdAt: Type.String(),
  /** Bot messages of the handoff dialogue only. */
  handoff: Type.Optional(HandoffInfoSchema),
  /** Staff messages only: true until the shopper has seen it (a `seen` frame); the launcher's badge. */
  unread: Type.Optional(Type.Boolean()),
});
export type HistoryMessage = Static<typeof HistoryMessage>;

/** Whether staff are in: `nextOpening` (ISO 8601, UTC) when closed; null while open or never again. */
export const ShopStatusSchema = Type.Object({
  open: Type.Boolean(),
  nextOpening: Type.Union([Type.String(), Type.Null()]),
});
export type ShopStatusInfo = Static<typeof ShopStatusSchema>;

/** The conversation is ready. `token` is sent only when the conversation is new: store it to resume. */
export const WelcomeFrame = Type.Object({
  type: Type.Literal('welcome'),
  conversationId: Uuid,
  token: Type.Optional(Token),
  locale: LocaleSchema,
  resumed: Type.Boolean(),
  messages: Type.Array(HistoryMessage),
  /**
   * The proactive greeting to show by the launcher, decided by the bot (time of day, opening hours), or
   * null when the bot does not greet (already shown or dismissed, the shopper has written, or the
   * conversation started with a message). Sent at most once per conversation. Absent from older servers.
   */
  greeting: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** The shop's status at connect time, for a closed-hours notice from the start. Absent from older servers. */
  shop: Type.Optional(ShopStatusSchema),
  /** Whether this connection's shopper is verified (a valid shopper token); the conversation is theirs. */
  verified: Type.Optional(Type.Boolean()),
});

/** A shopper message is durably stored (sent before the reply). */
export const AckFrame = Type.Object({
  type: Type.Literal('ack'),
  seq: Type.Union([Type.Integer(), Type.Null()]),
  messageId: Uuid,
  duplicate: Type.Boolean(),
});

/** The bot's answer to one shopper message. */
export const ReplyFrame = Type.Object({
  type: Type.Literal('reply'),
  messageId: Uuid,
  replyTo: Type.Union([Type.Integer(), Type.Null()]),
  decision: DecisionSchema,
  reason: Type.Union([Type.String(), Type.Null()]),
  intent: Type.Union([Type.String(), Type.Null()]),
  score: Type.Union([Type.Number(), Type.Null()]),
  locale: LocaleSchema,
  markdown: Type.String(),
  quickReplies: Type.Array(QuickReplySchema),
  createdAt: Type.String(),
  /** Only while the handoff dialogue runs; `step: 'email'` asks for the address. */
  handoff: Type.Optional(HandoffInfoSchema),
});

export const FeedbackAckFrame = Type.Object({
  type: Type.Literal('feedback-ack'),
  messageId: Uuid,
  value: Type.Union([Type.Literal('helpful'), Type.Literal('not-helpful')]),
});

export const PongFrame = Type.Object({ type: Type.Literal('pong') });

/**
 * A reply from the shop's staff (written in the console) arrived while the conversation is open: the
 * same message a resumed `welcome` would list, `role: 'staff'` and `unread: true` until a `seen`.
 */
export const StaffReplyFrame = Type.Object({ type: Type.Literal('staff-reply'), message: HistoryMessage });

/** The answer to a `shopper` frame: whether the connection's shopper is verified now. */
export const ShopperAckFrame = Type.Object({ type: Type.Literal('shopper-ack'), verified: Type.Boolean() });

/** Stable error codes; `message` is a sentence for the shopper in their language. */
export const CHAT_ERROR_CODES = [
  'CHAT_ERR_MALFORMED_JSON',
  'CHAT_ERR_UNKNOWN_TYPE',
  'CHAT_ERR_INVALID_FRAME',
  'CHAT_ERR_TEXT_TOO_LONG',
  'CHAT_ERR_TOKEN_INVALID',
  'CHAT_ERR_UNKNOWN_MESSAGE',
  'CHAT_ERR_NOT_READY',
  'CHAT_ERR_INTERNAL',
  'CHAT_ERR_RATE_LIMITED',
  'CHAT_ERR_CLIENT_RATE_LIMITED',
  'CHAT_ERR_HANDOFF_RATE_LIMITED',
  'CHAT_ERR_SHOPPER_TOKEN_INVALID',
  'CHAT_ERR_SHOPPER_TOKEN_EXPIRED',
] as const;
export type ChatErrorCode = (typeof CHAT_ERROR_CODES)[number];

export const ErrorFrame = Type.Object({
  type: Type.Literal('error'),
  code: Type.Union(CHAT_ERROR_CODES.map((c) => Type.Literal(c))),
  message: Type.String(),
  seq: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
});

/**
 * `GET /chat/access`: whether a page of the request's origin may open the chat, and how shoppers reach
 * the shop otherwise. A browser cannot read why a WebSocket handshake failed: a client whose socket
 * closes before it opens asks here, so a misconfigured ALLOWED_ORIGINS is told apart from an outage.
 */
export const ChatAccessResponse = Type.Object({
  allowed: Type.Boolean(),
  /** `CHAT_ERR_ORIGIN_FORBIDDEN` when the handshake would be refused (HTTP 403); null when allowed. */
  code: Type.Union([Type.Literal('CHAT_ERR_ORIGIN_FORBIDDEN'), Type.Null()]),
  /** The shop's support contact (shop.yaml): what the shopper can do instead of chatting. */
  contact: Type.Object({
    email: Type.String(),
    phone: Type.String(),
    hours: Type.Object({ ja: Type.String(), en: Type.String() }),
  }),
});
export type ChatAccessResponse = Static<typeof ChatAccessResponse>;

export const ServerFrame = Type.Union([
  WelcomeFrame,
  AckFrame,
  ReplyFrame,
  FeedbackAckFrame,
  PongFrame,
  ShopperAckFrame,
  StaffReplyFrame,
  ErrorFrame,
]);
/** Any frame the server sends. */
export type ServerFrame = Static<typeof ServerFrame>;
export type ReplyFrame = Static<typeof ReplyFrame>;
export type WelcomeFrame = Static<typeof WelcomeFrame>;
export type StaffReplyFrame = Static<typeof StaffReplyFrame>;
/** A bot decision on the wire (the bot's own type, bot/dialogue/types.ts). */
export type { Decision } from '../../bot/dialogue/types.ts';
