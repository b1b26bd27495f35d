/**
 * Environment variables, as a TypeBox schema: the single source of their names, types, defaults and
 * documentation (README "Configuration" lists the same). Validated once at boot by load-config.ts.
 */
import { type Static, Type } from '@sinclair/typebox';

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
      description: 'Public base URL of this server, for the console link in handoff mail. Unset: no link.',
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
});

/** Validated environment. */
export type Env = Static<typeof EnvSchema>;
