/**
 * The LINE channel's environment variables (docs/line.md), part of EnvSchema (env-schema.ts): the same
 * single source of names, types, defaults and documentation, kept in its own file by concern.
 */
import { Type } from '@sinclair/typebox';

/** The LINE variables, spread into EnvSchema. */
export const LINE_ENV_PROPERTIES = {
  LINE_CHANNEL_SECRET: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "The LINE Messaging API channel's secret (docs/line.md): verifies x-line-signature on POST /line/webhook. Unset (with LINE_CHANNEL_ACCESS_TOKEN): the LINE channel is off.",
    }),
  ),
  LINE_CHANNEL_ACCESS_TOKEN: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "The LINE channel's long-lived access token: replies and pushes are sent with it. Required with LINE_CHANNEL_SECRET.",
    }),
  ),
  LINE_API_BASE_URL: Type.String({
    pattern: '^https?://[^\\s]+$',
    default: 'https://api.line.me',
    description:
      "Base URL of LINE's Messaging API (replies, pushes, the loading indicator); tests point it at a stand-in.",
  }),
  LINE_DATA_API_BASE_URL: Type.String({
    pattern: '^https?://[^\\s]+$',
    default: 'https://api-data.line.me',
    description: "Base URL of LINE's data API (message content); tests point it at a stand-in.",
  }),
  LINE_WORKER_CONCURRENCY: Type.Integer({
    minimum: 1,
    maximum: 256,
    default: 16,
    description: 'LINE users answered at once per process (each user one event at a time, in order).',
  }),
  LINE_LINK_LOGIN_URL: Type.Optional(
    Type.String({
      pattern: '^https?://[^\\s]+$',
      description:
        "The shop's page that signs a LINE user in for account linking (docs/line.md#account-linking): it gets `?linkToken=…`, and after sign-in posts the link token and a shopper token to PUBLIC_URL/line/link/complete. Unset: the demo shop's sign-in while the demo is on, else account linking is off. Needs PUBLIC_URL.",
    }),
  ),
  LINE_ACCESS_BASE_URL: Type.String({
    pattern: '^https?://[^\\s]+$',
    default: 'https://access.line.me',
    description:
      "Base URL of LINE's account-link dialog (/dialog/bot/accountLink), where the bot sends the shopper after the shop's sign-in; tests point it at a stand-in.",
  }),
};
