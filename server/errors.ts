/**
 * The one error type of server/: a stable machine code (logs, API bodies `{ code, message }`), a
 * sentence, the cause it wraps, and the HTTP status it answers with when it reaches the app's error
 * handler (server/app.ts: 4xx messages pass through, 5xx become a generic message). Callers branch on
 * `code` or on a subclass, never on the message. Codes are namespaced by area (`CONSOLE_ERR_*`,
 * `CHAT_ERR_*`, `CONFIG_ERR_*`, `LIMITS_ERR_*`, `MAIL_ERR_*`, `SERVER_ERR_*`) and never change meaning:
 * the console translates them (console/translations/).
 */

/** What a ServerError may carry besides its code and message. */
export interface ServerErrorOptions {
  /** HTTP status when it answers a request; 500 when absent. */
  status?: number;
  /** The error this one wraps. */
  cause?: unknown;
  /** Facts for the client, sent as `details` with a 4xx answer (e.g. the publish gate's comparison). */
  details?: Record<string, unknown>;
}

/** An error of the server with a stable code and an HTTP status. */
export class ServerError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options: ServerErrorOptions = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
  }

  /** The name fastify's error handling reads the status under. */
  get statusCode(): number {
    return this.status;
  }
}

/**
 * An error as one line for logs and stored failure notes: `CODE: message` for a coded error (its code
 * first, as messages carried it before the codes moved to a property), else the message.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && !error.message.startsWith(code)
    ? `${code}: ${error.message}`
    : error.message;
}
