/**
 * Groups shopper questions the bot could not answer by how similar their wording is, so an editor sees
 * 「解約したい」「解約したいです」「定期便を解約したい」 as one row to assign to an intent, not three. Pure and
 * deterministic: the same questions in any order give the same groups.
 *
 * How: each text is normalised (NFKC, lower case, katakana folded to hiragana, punctuation dropped,
 * polite question endings such as です・ですか・ください cut off) and turned into features: character
 * bigrams for Japanese, character trigrams of the content words for Latin text (English stop words
 * dropped, so "how do I cancel" and "how do I change" do not meet on "how do I"). Two texts are compared
 * by the Dice coefficient of their feature sets, each feature weighted by its rarity in the batch (a
 * bigram like いく in いくら, shared by many questions, counts less than 送料). Leader clustering: the
 * most typical question (highest summed similarity to the others) leads the first group, and every
 * question joins the most similar leader at or above the threshold or leads a new group. Leaders never
 * chain: a question must resemble the leader itself, not just some member.
 */
import { foldKana, normalizeText } from '../nlu/normalize.ts';

/** One question to group. */
export interface QuestionToGroup {
  /** Stable id; breaks ties so the result does not depend on input order. */
  id: string;
  text: string;
  /** The bot's best guess at its intent, if any. */
  guess: string | null;
}

/** A group of similar questions. */
export interface QuestionGroup<T extends QuestionToGroup> {
  /** The leader's text: the most typical question of the group. */
  label: string;
  /** The guess most members share (ties: the leader's guess, then the alphabetically first); null when none guessed. */
  suggestedIntent: string | null;
  /** The leader first, then the others by similarity to it (most similar first). */
  members: T[];
}

/** Options of the grouping. */
export interface GroupingOptions {
  /** Weighted Dice similarity (0–1) a question needs with a leader to join its group. Default 0.35. */
  threshold?: number;
}

const DEFAULT_THRESHOLD = 0.35;

/** Japanese script: such a text is compared by character bigrams. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]/u;
const KANJI = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
/** Hiragana only: grammar more often than topic (いくら, したい), so such a bigram weighs half. */
const KANA_ONLY = /^[\u3040-\u309f\u30fc]+$/u;
/** Polite and question endings that say nothing about the topic (repeated: 「ですか？」). */
const JAPANESE_ENDINGS = /(?:でしょうか|ですか|ますか|ください|下さい|です|ます|かな|か|ね|よ)+$/u;
const ENGLISH_STOP_WORDS = new Set(
  (
    'a an the i me my we our you your it its is are was were be been am do does did can could would ' +
    'should will shall may might to of in on at for from by with about how what when where which who ' +
    "why please want wanna like need there this that these those and or but if so just get im i'm hi hello"
  ).split(' '),
);

/** Normalised text without punctuation, symbols or spaces (Japanese) or with single spaces (Latin). */
function cleaned(text: string): string {
  return foldKana(normalizeText(text))
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The features of one text (a set). */
export function questionFeatures(text: string): Set<string> {
  const clean = cleaned(text);
  const features = new Set<string>();
  if (JAPANESE.test(clean)) {
    const compact = clean.replace(/\s/gu, '');
    const core = compact.replace(JAPANESE_ENDINGS, '') || compact;
    const chars = [...core];
    if (chars.length === 1) features.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) features.add(chars[i]! + chars[i + 1]!);
    // Kanji carry the topic (送料, 解約, 返品) even when the kana around them differ (送料はいくら, 送料っていくら).
    for (const ch of chars) if (KANJI.test(ch)) features.add(ch);
    return features;
  }
  const words = clean.split(' ').filter((w) => w !== '');
  const content = words.filter((w) => !ENGLISH_STOP_WORDS.has(w));
  for (const word of content.length > 0 ? content : words) {
    const padded = `_${word}_`;
    if (padded.length <= 3) features.add(padded);
    for (let i = 0; i + 3 <= padded.length; i++) features.add(padded.slice(i, i + 3));
  }
  return features;
}

/** Weighted Dice coefficient of two feature sets (0 when both are empty). */
function similarity(a: Set<string>, b: Set<string>, weight: (f: string) => number): number {
  let shared = 0;
  let total = 0;
  for (const f of a) {
    total += weight(f);
    if (b.has(f)) shared += weight(f);
  }
  for (const f of b) total += weight(f);
  return total === 0 ? 0 : (2 * shared) / total;
}

/** Groups similar questions, biggest group first (ties: the leader's text, then id). */
export function groupSimilarQuestions<T extends QuestionToGroup>(
  questions: readonly T[],
  options: GroupingOptions = {},
): QuestionGroup<T>[] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const features = questions.map((q) => questionFeatures(q.text));
  // Rarity weight: log(1 + N / documents containing the feature).
  const documentFrequency = new Map<string, number>();
  for (const set of features)
    for (const f of set) documentFrequency.set(f, (documentFrequency.get(f) ?? 0) + 1);
  const n = questions.length;
  const weight = (f: string): number =>
    Math.log(1 + n / (documentFrequency.get(f) ?? 1)) * (KANA_ONLY.test(f) ? 0.5 : 1);

  const sim: number[][] = questions.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    sim[i]![i] = 1;
    for (let j = i + 1; j < n; j++) {
      const s = similarity(features[i]!, features[j]!, weight);
      sim[i]![j] = s;
      sim[j]![i] = s;
    }
  }
  const centrality = sim.map((row) => row.reduce((sum, s) => sum + s, 0));
  const order = questions
    .map((_, i) => i)
    .sort(
      (a, b) =>
        centrality[b]! - centrality[a]! ||
        compare(questions[a]!.text, questions[b]!.text) ||
        compare(questions[a]!.id, questions[b]!.id),
    );

  const groups: { leader: number; members: number[] }[] = [];
  for (const i of order) {
    let best: (typeof groups)[number] | undefined;
    let bestScore = threshold;
    for (const group of groups) {
      const score = sim[i]![group.leader]!;
      if (score >= bestScore && (best === undefined || score > bestScore)) {
        best = group;
        bestScore = score;
      }
    }
    if (best) best.members.push(i);
    else groups.push({ leader: i, members: [i] });
  }

  return groups
    .map((group) => {
      const members = [...group.members].sort(
        (a, b) =>
          (a === group.leader ? -1 : 0) - (b === group.leader ? -1 : 0) ||
          sim[group.leader]![b]! - sim[group.leader]![a]! ||
          compare(questions[a]!.id, questions[b]!.id),
      );
      const items = members.map((i) => questions[i]!);
      return {
        label: questions[group.leader]!.text,
        suggestedIntent: mostFrequentGuess(items),
        members: items,
      };
    })
    .sort(
      (a, b) =>
        b.members.length - a.members.length ||
        compare(a.label, b.label) ||
        compare(a.members[0]!.id, b.members[0]!.id),
    );
}

/** The guess most members share; ties go to the leader's guess, then to the alphabetically first. */
function mostFrequentGuess(members: readonly QuestionToGroup[]): string | null {
  const counts = new Map<string, number>();
  for (const m of members) if (m.guess !== null) counts.set(m.guess, (counts.get(m.guess) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  const leaderGuess = members[0]?.guess ?? null;
  for (const [guess, count] of [...counts].sort(([a], [b]) => compare(a, b))) {
    if (count > bestCount || (count === bestCount && guess === leaderGuess)) {
      best = guess;
      bestCount = count;
    }
  }
  return best;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
