/**
 * Parses and validates one incoming text frame. Returns the typed frame or a stable error code, never
 * throws: a bad frame gets an error frame and the connection keeps serving.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { type ChatErrorCode, CLIENT_FRAME_TYPES, ClientFrame } from '../schemas/protocol.ts';

const checker = TypeCompiler.Compile(ClientFrame);

/** A parse result. */
export type ParsedFrame =
  | { ok: true; frame: ClientFrame }
  | { ok: false; code: ChatErrorCode; detail: string };

/** Parses a raw frame. Never throws, whatever the frame (deep nesting included). */
export function parseClientFrame(raw: string): ParsedFrame {
  try {
    return parse(raw);
  } catch {
    // Defence in depth: no frame may break the connection's queue (or, unhandled, the process).
    return { ok: false, code: 'CHAT_ERR_INVALID_FRAME', detail: 'frame could not be checked' };
  }
}

function parse(raw: string): ParsedFrame {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, code: 'CHAT_ERR_MALFORMED_JSON', detail: 'frame is not JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, code: 'CHAT_ERR_INVALID_FRAME', detail: 'frame must be a JSON object' };
  }
  const type = (data as { type?: unknown }).type;
  if (!CLIENT_FRAME_TYPES.includes(type as (typeof CLIENT_FRAME_TYPES)[number])) {
    // Not JSON.stringify(type): a deeply nested value would overflow the stack.
    const shown = typeof type === 'string' ? JSON.stringify(type.slice(0, 40)) : typeof type;
    return { ok: false, code: 'CHAT_ERR_UNKNOWN_TYPE', detail: `unknown frame type ${shown}` };
  }
  if (!checker.Check(data)) {
    const first = checker.Errors(data).First();
    return {
      ok: false,
      code: 'CHAT_ERR_INVALID_FRAME',
      detail: `${first?.path ?? ''} ${first?.message ?? ''}`.trim(),
    };
  }
  return { ok: true, frame: data };
}
