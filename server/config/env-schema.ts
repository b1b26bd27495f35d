/**
 * Environment variables, as a TypeBox schema: the single source of their names, types, defaults and
 * documentation (docs/configuration.md lists the same). Validated once at boot by load-config.ts.
 */
import { type Static, Type } from '@sinclair/typebox';
import { LINE_ENV_PROPERTIES } from './line-env-schema.ts';

export const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3000, description: 'HTTP port.' }),
  HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'Interface to listen on (0.0.0.0 for all).',
  }),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'SQLite file and model cache.' }),
  DATABASE_URL: Type.Optional(
    Type.String({
      pattern: '^postgres(ql)?://',
      description: 'PostgreSQL URL; SQLite under DATA_DIR when unset.',
    }),
  ),
  SQLITE_SYNCHRONOUS: Type.Union([Type.Literal('full'), Type.Literal('normal')], {
    default: 'full',
    description: 'SQLite fsync policy: full survives power loss, normal only process crashes.',
  }),
  SHOP_CONFIG: Type.String({ minLength: 1, default: './shop.yaml', description: 'Shop config file (YAML).' }),
  CORPUS_DIR: Type.String({ minLength: 1, default: './corpus', description: 'Corpus directory.' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level.' },
  ),
  CHAT_MAX_TEXT_LENGTH: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 1000,
    description: 'Longest shopper message in characters.',
  }),
  CHAT_MAX_FRAME_BYTES: Type.Integer({
    minimum: 256,
    maximum: 1_048_576,
    default: 16_384,
    description: 'Largest WebSocket frame in bytes; larger frames close the socket with 1009.',
  }),
  SMTP_URL: Type.Optional(
    Type.String({
      pattern: '^smtps?://',
      description:
        'SMTP server for handoff mail (smtp://user:pass@host:587, smtps://… for implicit TLS). Unset: mail stays in the outbox and is logged.',
    }),
  ),
  MAIL_FROM: Type.Optional(
    Type.String({
      format: 'email',
      description:
        'Sender address of handoff mail (also the Message-ID domain). Default: the shop supportEmail.',
    }),
  ),
  PUBLIC_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description:
        'Public base URL of this server, for the console link in handoff mail and for LINE account linking. Unset: no link in mail, no LINE account linking.',
    }),
  ),
  MAIL_FAIL_AFTER_HOURS: Type.Number({
    exclusiveMinimum: 0,
    default: 72,
    description: 'Hours after the first delivery attempt before a mail is marked failed (no more retries).',
  }),
  MAIL_RETRY_BASE_SECONDS: Type.Number({
    exclusiveMinimum: 0,
    default: 30,
    description: 'First retry delay in seconds; doubles with every failed attempt.',
  }),
  MAIL_RETRY_MAX_SECONDS: Type.Number({
    exclusiveMinimum: 0,
    default: 3600,
    description: 'Longest retry delay in seconds.',
  }),
  MAIL_POLL_SECONDS: Type.Number({
    exclusiveMinimum: 0,
    default: 10,
    description: 'How often the mail relay looks for due mail, in seconds (new handoffs wake it at once).',
  }),
  MAIL_LEASE_SECONDS: Type.Number({
    exclusiveMinimum: 0,
    default: 300,
    description:
      'How long a mail being sent is reserved, in seconds; after a crash it is retried once this expires. Must exceed MAIL_SEND_TIMEOUT_SECONDS.',
  }),
  MAIL_SEND_TIMEOUT_SECONDS: Type.Number({
    exclusiveMinimum: 0,
    default: 60,
    description: 'SMTP connection, greeting and socket inactivity timeout, in seconds.',
  }),
  CONSOLE_ADMIN_EMAIL: Type.Optional(
    Type.String({
      format: 'email',
      description:
        'First start only: when no staff account exists, create an admin with this email (and CONSOLE_ADMIN_PASSWORD). Or use `npm run staff -- add`.',
    }),
  ),
  CONSOLE_ADMIN_PASSWORD: Type.Optional(
    Type.String({
      minLength: 10,
      description:
        'Password of that first admin: at least 10 characters after NFKC, not counting spaces at either end or invisible characters, and not one of the most common passwords.',
    }),
  ),
  CONSOLE_SESSION_HOURS: Type.Number({
    exclusiveMinimum: 0,
    maximum: 720,
    default: 12,
    description: 'How long a console sign-in lasts, in hours.',
  }),
  COOKIE_SECURE: Type.Union([Type.Literal('auto'), Type.Literal('always'), Type.Literal('never')], {
    default: 'auto',
    description:
      'Secure flag of the console cookie: auto sets it when the request came over https (X-Forwarded-Proto with TRUST_PROXY).',
  }),
  CONSOLE_LOGIN_ATTEMPTS_PER_15_MIN: Type.Integer({
    minimum: 1,
    default: 10,
    description: 'Console sign-in attempts allowed per client IP and account in 15 minutes; more get 429.',
  }),
  HTTP_NOT_FOUND_PER_MINUTE: Type.Integer({
    minimum: 1,
    default: 120,
    description: 'Requests for unknown URLs per client IP per minute; more get 429.',
  }),
  SERVER_PROCESSES: Type.Integer({
    minimum: 1,
    maximum: 64,
    default: 1,
    description:
      'Worker processes sharing the port (Node cluster), to use more cores; each holds its own model in memory (≈0.4 GiB).',
  }),
  NLU_THREADS: Type.Integer({
    minimum: 0,
    maximum: 16,
    default: 0,
    description:
      'Worker threads predicting intents, so the main thread keeps to sockets and storage (0: predict on the main thread). Each holds its own dictionary and model (≈0.3 GiB).',
  }),
  MODEL_POLL_SECONDS: Type.Number({
    minimum: 0,
    default: 10,
    description:
      'How often an instance checks for a model published by another instance, in seconds (0: never; the publishing instance swaps at once).',
  }),
  CONSOLE_CV_FOLDS: Type.Integer({
    minimum: 0,
    maximum: 10,
    default: 3,
    description: 'Cross-validation folds run after each console training (0: held-out tests only).',
  }),
  ALLOWED_ORIGINS: Type.Optional(
    Type.String({
      description:
        'Comma-separated origins (https://shop.example.jp) whose pages may open the /chat WebSocket; a browser handshake from any other origin gets 403. Unset: every origin is allowed (a warning is logged at start); with NODE_ENV=production the server refuses to start without it.',
    }),
  ),
  NODE_ENV: Type.Optional(
    Type.String({
      description:
        'production: settings a public shop needs become required (ALLOWED_ORIGINS). Anything else or unset: development defaults.',
    }),
  ),
  TRUST_PROXY: Type.Optional(
    Type.String({
      description:
        'Which proxies to trust for the client IP (X-Forwarded-For) and protocol (X-Forwarded-Proto): true (any), false, or comma-separated proxy addresses/CIDRs. Unset: none (the socket peer is the client).',
    }),
  ),
  CHAT_RATE_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 30,
    description: 'Frames one chat socket may send per minute on average; more get CHAT_ERR_RATE_LIMITED.',
  }),
  CHAT_RATE_BURST: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 10,
    description: 'Frames one chat socket may send at once before CHAT_RATE_PER_MINUTE applies.',
  }),
  CHAT_MAX_CONNECTIONS_PER_IP: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 20,
    description: 'Open /chat sockets per client IP; a further handshake gets 429.',
  }),
  CLIENT_HANDSHAKES_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 60,
    description:
      'Chat handshakes (new sockets) one client may open per minute on average, counted over every process and instance; more get 429 CHAT_ERR_TOO_MANY_HANDSHAKES. A client is an IP (an IPv6 /64), or the forwarded client behind TRUST_PROXY.',
  }),
  CLIENT_HANDSHAKES_BURST: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 30,
    description: 'Chat handshakes one client may open at once before CLIENT_HANDSHAKES_PER_MINUTE applies.',
  }),
  CLIENT_CONVERSATIONS_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 60,
    description:
      'Conversations one client may start or resume (hello frames, and first messages without hello) per minute on average, over every socket, process and instance; more get CHAT_ERR_CLIENT_RATE_LIMITED.',
  }),
  CLIENT_CONVERSATIONS_BURST: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 30,
    description:
      'Conversations one client may start or resume at once before CLIENT_CONVERSATIONS_PER_MINUTE applies.',
  }),
  CLIENT_MESSAGES_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 60,
    description:
      'Shopper messages one client may send per minute on average, over every socket, process and instance; more get CHAT_ERR_CLIENT_RATE_LIMITED and are not stored.',
  }),
  CLIENT_MESSAGES_BURST: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 30,
    description: 'Shopper messages one client may send at once before CLIENT_MESSAGES_PER_MINUTE applies.',
  }),
  CLIENT_HANDOFFS_PER_MINUTE: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 2,
    description:
      "Handoffs (escalation + mail) one client may complete per minute on average, over every process and instance; more get CHAT_ERR_HANDOFF_RATE_LIMITED. One client's mails also leave the outbox at most at this rate, so other shoppers' mail goes first.",
  }),
  CLIENT_HANDOFFS_BURST: Type.Integer({
    minimum: 1,
    maximum: 1_000_000,
    default: 5,
    description: 'Handoffs one client may complete at once before CLIENT_HANDOFFS_PER_MINUTE applies.',
  }),
  CLIENT_FLOOD_ALERT_MINUTES: Type.Integer({
    minimum: 1,
    maximum: 10_080,
    default: 60,
    description:
      'A client whose handoffs are refused causes one alert mail to the support mailbox, then no other for this many minutes.',
  }),
  CLIENT_LIMITS_STORE: Type.Union(
    [Type.Literal('auto'), Type.Literal('memory'), Type.Literal('cluster'), Type.Literal('postgres')],
    {
      default: 'auto',
      description:
        'Where the per-client counts live. auto: postgres with DATABASE_URL, cluster (the cluster primary) with SERVER_PROCESSES > 1 on SQLite, else memory. memory: this process only (several processes then each allow the full limits).',
    },
  ),
  CHAT_MAX_BUFFERED_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 1_073_741_824,
    default: 1_048_576,
    description:
      'Bytes a chat socket may have queued unsent (a client that stopped reading); above it the socket is closed with 1008.',
  }),
  RETENTION_DAYS: Type.Integer({
    minimum: 0,
    maximum: 36_500,
    default: 365,
    description:
      'Days a conversation (messages, escalations, notes, reviews, its sent or failed mail) is kept after its last activity; then the retention sweep deletes it. 0: keep forever.',
  }),
  RETENTION_SWEEP_HOURS: Type.Number({
    exclusiveMinimum: 0,
    maximum: 168,
    default: 6,
    description:
      'How often each instance runs the retention sweep, in hours (also once at start); several instances may run it at once.',
  }),
  METRICS_PORT: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description:
        'Port serving GET /metrics (Prometheus text format) on METRICS_HOST, apart from the chat port; with SERVER_PROCESSES > 1 the cluster primary serves every worker summed up. Unset: no metrics port.',
    }),
  ),
  METRICS_HOST: Type.String({
    minLength: 1,
    default: '127.0.0.1',
    description: 'Interface of METRICS_PORT (loopback by default: metrics are never public unless asked).',
  }),
  METRICS_TOKEN: Type.Optional(
    Type.String({
      minLength: 16,
      description:
        'Bearer token (at least 16 characters) that GET /metrics on the chat port answers to; the metrics port asks for it too. Unset: /metrics is not served on the chat port.',
    }),
  ),
  HTTP_BODY_LIMIT_BYTES: Type.Integer({
    minimum: 1024,
    maximum: 104_857_600,
    default: 1_048_576,
    description: 'Largest HTTP request body in bytes; larger bodies get 413.',
  }),
  SHOP_CONNECTOR_URL: Type.Optional(
    Type.String({
      // Plain http only on loopback (a local bridge, tests): answers carry customers' data.
      pattern: '^(https://|http://(127\\.0\\.0\\.1|localhost|\\[::1\\])([:/]|$))[^\\s]*$',
      description:
        "Base URL of the shop's connector (docs/connector.md), e.g. https://shop.example.jp/bot-connector; http:// only for 127.0.0.1, localhost, [::1]. Unset: the embedded demo shop when it is on, else no live shop data.",
    }),
  ),
  SHOP_CONNECTOR_SECRET: Type.Optional(
    Type.String({
      minLength: 32,
      description:
        'Shared HMAC-SHA256 secret signing every connector request (at least 32 characters); required with SHOP_CONNECTOR_URL.',
    }),
  ),
  SHOP_CONNECTOR_TIMEOUT_MS: Type.Integer({
    minimum: 100,
    maximum: 60_000,
    default: 3000,
    description:
      "Whole-request timeout of a connector call, in ms; past it the bot answers without the shop's data and offers a person.",
  }),
  SHOP_CONNECTOR_CACHE_SECONDS: Type.Number({
    minimum: 0,
    maximum: 3600,
    default: 30,
    description:
      "How long a customer's subscriptions and orders read from the connector are reused, in seconds (0: never); a change made through the bot drops them at once.",
  }),
  DEMO_SHOP: Type.Optional(
    Type.Union([Type.Literal('0'), Type.Literal('1')], {
      description:
        'The embedded demo shop (demo customers, demo sign-in, demo My Page): 1 on, 0 off. Unset: on only when HOST is a loopback address and NODE_ENV is not production. On while listening on another address logs a warning at start.',
    }),
  ),
  SHOPPER_TOKEN_SECRET: Type.Optional(
    Type.String({
      description:
        "HS256 secret the shop signs shopper tokens with (docs/identity.md); at least 32 bytes. Unset (and no public key or JWKS): every chat is anonymous; with the demo shop on, a random one per start (also the demo sign-in's).",
    }),
  ),
  SHOPPER_TOKEN_PUBLIC_KEY: Type.Optional(
    Type.String({
      description:
        'PEM public key (SPKI) for shopper tokens: RSA → RS256, EC P-256 → ES256; one line with \\n escapes is accepted.',
    }),
  ),
  SHOPPER_TOKEN_JWKS_URL: Type.Optional(
    Type.String({
      description:
        "The shop's JWKS URL for RS256/ES256 shopper tokens (https; http only to localhost). Not with SHOPPER_TOKEN_PUBLIC_KEY.",
    }),
  ),
  SHOPPER_TOKEN_AUDIENCE: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: 'Required `aud` of shopper tokens, when set.' }),
  ),
  SHOPPER_TOKEN_ISSUER: Type.Optional(
    Type.String({ minLength: 1, maxLength: 500, description: 'Required `iss` of shopper tokens, when set.' }),
  ),
  ...LINE_ENV_PROPERTIES,
});

/** Validated environment. */
export type Env = Static<typeof EnvSchema>;
