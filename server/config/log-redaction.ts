/**
 * pino's redaction of shopper identity (docs/identity.md): the server never passes a shopper token, a
 * customer id or a verified shopper to a log call, and this is the net under that rule — should one
 * slip into a log object (`{ shopper }`, `{ customerId }`, one level down such as `{ escalation: … }`),
 * its value is censored before the line is written. Staff addresses (console sign-in) stay: they are
 * the audit trail.
 */
import type { PinoLoggerOptions } from 'fastify/types/logger.js';

/** The `redact` option of every server logger (server/main.ts; tests build the app with it too). */
export const LOG_REDACTION: NonNullable<PinoLoggerOptions['redact']> = {
  paths: [
    'shopper',
    '*.shopper',
    'customerId',
    '*.customerId',
    '*.*.customerId',
    'customer_id',
    '*.customer_id',
  ],
  censor: '[redacted]',
};
