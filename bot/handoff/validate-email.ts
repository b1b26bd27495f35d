/**
 * Validates the email address a shopper types for a handoff. The address later becomes the mail's
 * `Reply-To` header, so anything that could smuggle a second header or recipient (CR/LF, other control
 * characters, comments, quotes, angle brackets, lists) is refused with its own code, and the accepted
 * form is a conservative subset of RFC 5321/5322: dot-atom local part (no backtick, no RFC 2047 encoded
 * word), ASCII host names.
 */

/** Longest address accepted (RFC 5321 path limit minus the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;
/** Longest local part (RFC 5321). */
const MAX_LOCAL_LENGTH = 64;

/** Why an address was refused; each maps to a sentence in the shopper's language. */
export type EmailErrorCode =
  | 'HANDOFF_ERR_EMAIL_EMPTY'
  | 'HANDOFF_ERR_EMAIL_LINE_BREAK'
  | 'HANDOFF_ERR_EMAIL_SPACE'
  | 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER'
  | 'HANDOFF_ERR_EMAIL_TOO_LONG'
  | 'HANDOFF_ERR_EMAIL_FORMAT';

/** The result of `validateEmail`: the normalised address, or the reason it was refused. */
export type EmailCheck = { ok: true; email: string } | { ok: false; code: EmailErrorCode };

/** CR, LF, every other C0/C1 control and the Unicode line/paragraph separators. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const WHITESPACE = /\s/u;
/** Comments, quoted strings, display names, lists, source routes, and the backtick (Markdown code). */
const FORBIDDEN = /[<>()[\]\\,;:"`]/u;
/**
 * An RFC 2047 encoded word (`=?utf-8?q?victim=40evil.example=3e?=`): every character is legal in a local
 * part, but mail clients decode it in a Reply-To header and show (or reply to) another address.
 */
const ENCODED_WORD = /=\?[^?]*\?[bq]\?[^?]*\?=/iu;
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_{|}~-]+";
const LOCAL_PART = new RegExp(`^${ATOM}(\\.${ATOM})*$`, 'u');
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/u;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;

/**
 * Checks one typed address. Full-width input (ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ) is folded by NFKC and
 * surrounding spaces are dropped; line breaks are refused even at the ends. The host is lower-cased.
 */
export function validateEmail(input: string): EmailCheck {
  const text = input.normalize('NFKC').replace(/^[ \t]+|[ \t]+$/gu, '');
  if (text === '') return { ok: false, code: 'HANDOFF_ERR_EMAIL_EMPTY' };
  if (CONTROL.test(text)) return { ok: false, code: 'HANDOFF_ERR_EMAIL_LINE_BREAK' };
  if (WHITESPACE.test(text)) return { ok: false, code: 'HANDOFF_ERR_EMAIL_SPACE' };
  if (FORBIDDEN.test(text) || ENCODED_WORD.test(text)) {
    return { ok: false, code: 'HANDOFF_ERR_EMAIL_FORBIDDEN_CHARACTER' };
  }
  if (text.length > MAX_EMAIL_LENGTH) return { ok: false, code: 'HANDOFF_ERR_EMAIL_TOO_LONG' };
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.indexOf('@') !== at) return { ok: false, code: 'HANDOFF_ERR_EMAIL_FORMAT' };
  const local = text.slice(0, at);
  const host = text.slice(at + 1).toLowerCase();
  const labels = host.split('.');
  const valid =
    local.length <= MAX_LOCAL_LENGTH &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1]!);
  return valid ? { ok: true, email: `${local}@${host}` } : { ok: false, code: 'HANDOFF_ERR_EMAIL_FORMAT' };
}

/**
 * True when the text starts with a token holding an `@`. In the summary step such a text is read as a
 * corrected address (and validated as one, so `a@b.example\r\nBcc: …` is refused there too).
 */
export function looksLikeEmail(text: string): boolean {
  const first = text.normalize('NFKC').trim().split(/\s/u, 1)[0] ?? '';
  return first.includes('@');
}
