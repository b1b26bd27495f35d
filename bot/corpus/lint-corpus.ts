/**
 * Corpus linter: dataset problems as `{ code, severity, message }` (botpress/nlu style). Errors fail
 * `npm run corpus:lint` and `npm test`; warnings are shown to staff.
 */
import { PLACEHOLDERS, placeholdersIn } from '../answers/render-answer.ts';
import { foldKana, normalizeText } from '../nlu/normalize.ts';
import { type Locale, NONE_INTENT } from '../nlu/types.ts';
import { MAX_UTTERANCE_LENGTH } from './corpus-schema.ts';
import { lintAnswerMarkdown } from './lint-answer-markdown.ts';
import type { Corpus, LoadedIntent } from './load-corpus.ts';

/** One problem found in the corpus. */
export interface LintIssue {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  locale?: Locale;
  intent?: string;
  file?: string;
}

/** Minimum utterances per intent and locale (the out-of-scope set needs far more; see MIN_NONE). */
export const MIN_UTTERANCES: Record<Locale, number> = { ja: 30, en: 15 };
export const MIN_NONE_UTTERANCES: Record<Locale, number> = { ja: 150, en: 80 };
/** Held-out tests per intent below which accuracy per intent means little. */
export const MIN_TESTS = 5;

const LOCALES: readonly Locale[] = ['ja', 'en'];
const KNOWN_PLACEHOLDERS = new Set<string>(PLACEHOLDERS);

/** Exact-duplicate key: normalised text. */
function exactKey(text: string): string {
  return normalizeText(text);
}

/** Near-duplicate key: also ignores punctuation, symbols, spaces, kana script and trailing particles of politeness. */
function nearKey(text: string): string {
  return foldKana(normalizeText(text))
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .replace(/(です|ます|ですか|ますか|でしょうか|ください|please)$/u, '');
}

function where(i: LoadedIntent): Pick<LintIssue, 'locale' | 'intent' | 'file'> {
  return { locale: i.locale, intent: i.id, file: i.file };
}

/** Lints a whole corpus. */
export function lintCorpus(corpus: Corpus): LintIssue[] {
  const issues: LintIssue[] = [];
  const ids: Record<Locale, Set<string>> = { ja: new Set(), en: new Set() };

  for (const locale of LOCALES) {
    const intents = corpus.intents.filter((i) => i.locale === locale);
    const exactOwner = new Map<string, string>();
    const nearOwner = new Map<string, { intent: string; text: string }>();
    for (const intent of intents) {
      if (ids[locale].has(intent.id)) {
        issues.push({
          code: 'CORPUS_DUPLICATE_INTENT',
          severity: 'error',
          message: `intent ${intent.id} is defined twice`,
          ...where(intent),
        });
      }
      ids[locale].add(intent.id);
      const seen = new Set<string>();
      for (const text of intent.utterances) {
        if (text.length > MAX_UTTERANCE_LENGTH && [...text].length > MAX_UTTERANCE_LENGTH) {
          issues.push({
            code: 'CORPUS_UTTERANCE_TOO_LONG',
            severity: 'error',
            message: `"${[...text].slice(0, 30).join('')}…" has more than ${MAX_UTTERANCE_LENGTH} characters`,
            ...where(intent),
          });
          continue;
        }
        const key = exactKey(text);
        if (seen.has(key)) {
          issues.push({
            code: 'CORPUS_DUPLICATE_IN_INTENT',
            severity: 'warning',
            message: `"${text}" appears twice`,
            ...where(intent),
          });
        }
        seen.add(key);
        const owner = exactOwner.get(key);
        if (owner && owner !== intent.id) {
          issues.push({
            code: 'CORPUS_DUPLICATE_UTTERANCE',
            severity: 'error',
            message: `"${text}" is an utterance of both ${owner} and ${intent.id}`,
            ...where(intent),
          });
        } else {
          exactOwner.set(key, intent.id);
        }
        const near = nearKey(text);
        const nearOther = nearOwner.get(near);
        if (nearOther && nearOther.intent !== intent.id && !owner) {
          issues.push({
            code: 'CORPUS_NEAR_DUPLICATE',
            severity: 'warning',
            message: `"${text}" (${intent.id}) is nearly "${nearOther.text}" (${nearOther.intent})`,
            ...where(intent),
          });
        } else if (!nearOther) {
          nearOwner.set(near, { intent: intent.id, text });
        }
      }
    }
    // Held-out tests must never be trained on (anywhere in the locale).
    for (const intent of intents) {
      for (const text of intent.tests ?? []) {
        const owner = exactOwner.get(exactKey(text));
        if (owner) {
          issues.push({
            code: 'CORPUS_TEST_IN_TRAINING',
            severity: 'error',
            message: `test "${text}" is also a training utterance of ${owner}`,
            ...where(intent),
          });
        }
      }
      const isNone = intent.id === NONE_INTENT;
      const minimum = isNone ? MIN_NONE_UTTERANCES[locale] : MIN_UTTERANCES[locale];
      if (intent.utterances.length < minimum) {
        issues.push({
          code: 'CORPUS_TOO_FEW_UTTERANCES',
          severity: 'error',
          message: `${intent.utterances.length} utterances; at least ${minimum} are needed`,
          ...where(intent),
        });
      }
      if ((intent.tests?.length ?? 0) < MIN_TESTS) {
        issues.push({
          code: 'CORPUS_TOO_FEW_TESTS',
          severity: 'warning',
          message: `${intent.tests?.length ?? 0} held-out tests; ${MIN_TESTS} or more make its accuracy meaningful`,
          ...where(intent),
        });
      }
      issues.push(...lintAnswer(intent));
      for (const target of intent.quickReplies ?? []) {
        if (!intents.some((i) => i.id === target) || target === NONE_INTENT) {
          issues.push({
            code: 'CORPUS_UNKNOWN_QUICK_REPLY',
            severity: 'error',
            message: `quick reply ${target} is not an intent of this locale`,
            ...where(intent),
          });
        }
      }
    }
  }
  for (const locale of LOCALES) {
    const other: Locale = locale === 'ja' ? 'en' : 'ja';
    for (const id of ids[locale]) {
      if (!ids[other].has(id)) {
        issues.push({
          code: 'CORPUS_MISSING_LOCALE',
          severity: 'error',
          message: `${id} exists in ${locale} but not in ${other}`,
          locale: other,
          intent: id,
        });
      }
    }
  }
  return issues;
}

function lintAnswer(intent: LoadedIntent): LintIssue[] {
  const issues: LintIssue[] = [];
  if (intent.id === NONE_INTENT) {
    if (intent.answer) {
      issues.push({
        code: 'CORPUS_NONE_HAS_ANSWER',
        severity: 'warning',
        message: 'the none intent never answers; its answer is unused',
        ...where(intent),
      });
    }
    return issues;
  }
  const answer = intent.answer?.trim() ?? '';
  if (!answer) {
    issues.push({
      code: 'CORPUS_EMPTY_ANSWER',
      severity: 'error',
      message: 'the answer is empty',
      ...where(intent),
    });
    return issues;
  }
  for (const found of lintAnswerMarkdown(answer, intent.locale)) {
    issues.push({ ...found, severity: 'error', ...where(intent) });
  }
  if (issues.some((i) => i.code === 'CORPUS_ANSWER_TOO_LONG')) return issues;
  for (const name of placeholdersIn(answer)) {
    if (!KNOWN_PLACEHOLDERS.has(name)) {
      issues.push({
        code: 'CORPUS_UNKNOWN_PLACEHOLDER',
        severity: 'error',
        message: `{{${name}}} is not a placeholder (known: ${PLACEHOLDERS.join(', ')})`,
        ...where(intent),
      });
    }
  }
  return issues;
}
