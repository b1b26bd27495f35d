/**
 * The handoff form's email check. Pragmatic on purpose (something@domain.tld, no spaces): the server
 * validates again and says precisely what is wrong; this only catches typos before sending.
 */

/** Something @ a domain with at least one dot, no spaces, no second @. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/u;

/**
 * Folds full-width characters (`ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ`, common with Japanese keyboards) to ASCII with
 * NFKC and trims: the address the form sends.
 */
export function normalizeEmail(value: string): string {
  return value.normalize('NFKC').trim();
}

/** Why an address was refused, as a translation key; null when it looks fine. */
export type EmailProblem = 'emailRequired' | 'emailInvalid' | null;

/** Checks an already normalised address. */
export function checkEmail(email: string): EmailProblem {
  if (email === '') return 'emailRequired';
  return EMAIL_PATTERN.test(email) ? null : 'emailInvalid';
}
