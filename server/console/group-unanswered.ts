/**
 * Groups the unanswered queue for the console: per locale (a Japanese and an English question are never
 * the same row to assign), biggest group first. Pure; returns member ids so the caller (or a worker)
 * does not have to send the messages back and forth.
 */
import { groupSimilarQuestions, MAX_GROUPED_CHARS } from '../../bot/review/group-similar-questions.ts';
import type { Locale } from '../storage/repository.ts';

/** What the grouping reads of one queued message. */
export interface QuestionToSort {
  id: string;
  text: string;
  locale: Locale;
  /** The bot's best guess at its intent. */
  intent: string | null;
}

/** One group: its leader first in `memberIds`. */
export interface GroupedIds {
  suggestedIntent: string | null;
  memberIds: string[];
}

/** The texts as the grouping reads them: only their first `MAX_GROUPED_CHARS` characters count. */
export function groupingInput(questions: readonly QuestionToSort[]): QuestionToSort[] {
  return questions.map((q) => ({
    ...q,
    text: [...q.text.slice(0, 2 * MAX_GROUPED_CHARS)].slice(0, MAX_GROUPED_CHARS).join(''),
  }));
}

/** Groups the questions of each locale by similar wording, biggest group first. */
export function groupUnanswered(questions: readonly QuestionToSort[]): GroupedIds[] {
  const groups = (['ja', 'en'] as const).flatMap((locale) =>
    groupSimilarQuestions(
      questions.filter((q) => q.locale === locale).map((q) => ({ id: q.id, text: q.text, guess: q.intent })),
    ),
  );
  // Stable: within a size, the per-locale order (Japanese first) stays.
  groups.sort((a, b) => b.members.length - a.members.length);
  return groups.map((g) => ({ suggestedIntent: g.suggestedIntent, memberIds: g.members.map((m) => m.id) }));
}
