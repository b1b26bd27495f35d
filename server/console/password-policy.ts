/**
 * What a staff password must be (console accounts, the first admin from the environment, the staff CLI).
 * Measured on the NFKC form with surrounding spaces and invisible characters (zero-width spaces, joiners,
 * byte-order marks: Unicode's default-ignorable code points) left out, in code points: ten spaces or ten
 * U+200B are not a ten-character password. A short list of the most common passwords (and keyboard or
 * digit runs, one character repeated) is refused however it is typed (ｐａｓｓｗｏｒｄ１２ = password12).
 * The stored hash is unchanged (password.ts hashes the NFC form as typed): only the check is new.
 */

/** Fewest code points a password must have (after the folding above). */
export const MIN_PASSWORD_CODE_POINTS = 10;

/** Every reason a password is refused (the codes of a 400 answer). */
export const PASSWORD_PROBLEMS = ['CONSOLE_ERR_PASSWORD_TOO_SHORT', 'CONSOLE_ERR_PASSWORD_COMMON'] as const;
/** Why a password was refused. */
export type PasswordProblem = (typeof PASSWORD_PROBLEMS)[number];

/**
 * The most common passwords of ten characters or more, and the shorter ones people pad to ten
 * (checked after lower-casing; from the public lists of leaked passwords: SecLists, NCSC's top 100,000).
 */
const COMMON = new Set(
  (
    '1234567890 0987654321 12345678910 123456789a 1q2w3e4r5t 1qaz2wsx3edc qwertyuiop asdfghjkl; ' +
    'zxcvbnm,./ password12 password123 password1234 passw0rd12 p@ssw0rd12 iloveyou12 qwerty1234 ' +
    'qwerty12345 abcdefghij abc1234567 a123456789 1234567890a 123456789q 1111111111 0000000000 ' +
    'administrator admin12345 admin123456 adminadmin letmein123 welcome123 welcome1234 changeme12 ' +
    'changeme123 football12 baseball12 sunshine12 princess12 dragon1234 monkey1234 starwars12 ' +
    'superman12 trustno1234 whatever12 computer12 internet12 japan12345 nippon1234 tokyo12345 ' +
    'shop123456 support123 password!! password12! qazwsxedcrfv zaq12wsxcde 123qweasdzxc 1q2w3e4r5t6y ' +
    '123123123123 987654321a passwordpassword'
  ).split(' '),
);
/** Runs that are "one row of the keyboard" or counting, in either direction. */
const RUNS = ['0123456789', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** Spaces and invisible characters: not counted, and trimmed from both ends. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}]/gu;

/** The password as the policy measures it. */
function folded(password: string): string {
  return password.normalize('NFKC').replace(INVISIBLE, '').trim();
}

/** Adjacent pairs of the runs, both directions, wrapping round (…8 9 0 1…): "1234567890", "0987654321". */
const RUN_PAIRS = new Set(
  RUNS.flatMap((run) =>
    [...run].flatMap((ch, i) => {
      const next = run[(i + 1) % run.length]!;
      return [ch + next, next + ch];
    }),
  ),
);

/** Is the text one run of a keyboard row or of counting, in either direction (any length, repeated)? */
function isRun(text: string): boolean {
  const chars = [...text];
  return chars.length >= 3 && chars.every((ch, i) => i === 0 || RUN_PAIRS.has(chars[i - 1]! + ch));
}

/** Why the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | undefined {
  const text = folded(password);
  if ([...text].length < MIN_PASSWORD_CODE_POINTS) return 'CONSOLE_ERR_PASSWORD_TOO_SHORT';
  const lower = text.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size === 1 || isRun(lower)) return 'CONSOLE_ERR_PASSWORD_COMMON';
  return undefined;
}

/** A sentence for people (logs, the CLI, the console's fallback): the code says the same to the console. */
export function passwordProblemMessage(problem: PasswordProblem): string {
  return problem === 'CONSOLE_ERR_PASSWORD_TOO_SHORT'
    ? `The password needs at least ${MIN_PASSWORD_CODE_POINTS} characters (spaces at either end and invisible characters do not count).`
    : 'The password is one of the most common passwords; choose another.';
}
