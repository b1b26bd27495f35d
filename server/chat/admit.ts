/**
 * Admission, before a frame costs anything: the per-socket rate (decided as a frame arrives, keeping
 * only its seq, so a flood queues small closures rather than its frames) and the checks on a message's
 * text (length in characters, not blank). A refusal is an error code; nothing is stored.
 */
import { firstMessageLocale } from '../../bot/nlu/message-locale.ts';
import type { ChatErrorCode } from '../schemas/protocol.ts';
import type { Locale } from '../storage/repository.ts';
import { parseClientFrame } from './frame-parser.ts';

/** The seq of a `message` frame, so a refused message can be retried; null for anything else. */
export function seqOf(raw: string): number | null {
  const parsed = parseClientFrame(raw);
  return parsed.ok && parsed.frame.type === 'message' ? (parsed.frame.seq ?? null) : null;
}

/** A message's text as admitted, or why it is refused and in which language to say so. */
export type AdmittedText = { ok: true; text: string } | { ok: false; code: ChatErrorCode; locale: Locale };

/** How much of a refused, too long message is read to find its language (characters). */
const LOCALE_SAMPLE_CHARS = 200;

/**
 * Checks a message's text: at most `maxTextLength` characters (code points) and not blank. NUL is
 * dropped first: it never belongs in a shopper's text, and PostgreSQL's text type refuses it outright,
 * so both databases store the same message.
 */
export function admitText(raw: string, maxTextLength: number, locale: Locale): AdmittedText {
  const text = raw.includes('\u0000') ? raw.replaceAll('\u0000', '') : raw;
  if ([...text].length > maxTextLength) {
    // In the language the shopper wrote in: the first message may come before anything set the locale.
    return {
      ok: false,
      code: 'CHAT_ERR_TEXT_TOO_LONG',
      locale: firstMessageLocale(text, locale, LOCALE_SAMPLE_CHARS),
    };
  }
  if (!text.trim()) return { ok: false, code: 'CHAT_ERR_INVALID_FRAME', locale };
  return { ok: true, text };
}
