/**
 * A chat frame refused by a per-client limit where the refusal is found deep in the frame's handling
 * (the handoff limit, checked when the escalation is recorded): the session answers it with this code
 * instead of CHAT_ERR_INTERNAL, and logs nothing (refusals are logged where they are decided, sampled).
 */

import { ServerError } from '../errors.ts';
import type { ChatErrorCode } from '../schemas/protocol.ts';

export class ChatLimitError extends ServerError {
  declare readonly code: ChatErrorCode;

  constructor(
    code: ChatErrorCode,
    /** Milliseconds until the client may try again (may be an upper estimate). */
    readonly retryAfterMs: number,
  ) {
    super(code, `refused by a per-client limit (${code})`, { status: 429 });
  }
}
