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
 *
 * Cost: near-linear, never all pairs. Only the first `MAX_GROUPED_CHARS` characters count; an inverted
 * index (feature → questions) finds, for each question, at most `MAX_CANDIDATES` neighbours through its
 * rarest shared features, and typicality is summed over those; each question is then compared only with
 * the leaders its rarest features lead to. Below these bounds the result is the all-pairs one (questions
 * sharing no feature have similarity 0); above them the work per question stays constant. 518 texts of
 * 1,000 random kanji took 91 s with all pairs, now about 0.4 s (and the console runs it in a worker).
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
/**
 * Characters of a question that are grouped on (code points, before normalisation). A question longer
 * than this is a complaint or a paste, not a phrasing to add to the corpus; its start tells enough, and
 * the cap bounds what one shopper's 1,000-character message can cost the grouping.
 */
export const MAX_GROUPED_CHARS = 200;
/** Most questions (or leaders) one question is compared with: bounds the work per question. */
const MAX_CANDIDATES = 32;
/** Most posting-list entries read to find one question's candidates. */
const MAX_POSTING_READS = 256;

/** Japanese script: such a text is compared by character bigrams. */
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3005\u3006]/u;
/** CJK ideographs of the basic plane (an astral character's first unit is a surrogate: not kanji here). */
function isKanji(code: number): boolean {
  return (
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xf900 && code <= 0xfaff)
  );
}
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
  // A text of at most MAX_GROUPED_CHARS UTF-16 units has at most that many code points: kept whole.
  // A longer one is sliced by UTF-16 units first (cheap on a long text), then by code points.
  const head =
    text.length <= MAX_GROUPED_CHARS
      ? text
      : [...text.slice(0, 2 * MAX_GROUPED_CHARS)].slice(0, MAX_GROUPED_CHARS).join('');
  const clean = cleaned(head);
  const features = new Set<string>();
  if (JAPANESE.test(clean)) {
    const compact = clean.replace(/\s/gu, '');
    const core = compact.replace(JAPANESE_ENDINGS, '') || compact;
    const chars = [...core];
    if (chars.length === 1) features.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) features.add(chars[i]! + chars[i + 1]!);
    // Kanji carry the topic (送料, 解約, 返品) even when the kana around them differ (送料はいくら, 送料っていくら).
    for (const ch of chars) if (isKanji(ch.charCodeAt(0))) features.add(ch);
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

/** Work done by one grouping, for tests that show how it grows with the input. */
export interface GroupingWork {
  /** Similarities computed (pairs of questions, or a question and a leader). */
  comparisons: number;
  /** Posting-list entries read plus features stepped over while computing similarities. */
  featureVisits: number;
}

/** One question's features as sorted feature ids, with their summed weight. */
interface Indexed {
  features: Int32Array;
  total: number;
}

/** Weighted Dice coefficient of two sorted feature-id lists (0 when both are empty). */
function similarity(a: Indexed, b: Indexed, weights: Float64Array, work: GroupingWork): number {
  work.comparisons++;
  const total = a.total + b.total;
  if (total === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.features.length && j < b.features.length) {
    const x = a.features[i]!;
    const y = b.features[j]!;
    if (x === y) {
      shared += weights[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  work.featureVisits += i + j;
  return (2 * shared) / total;
}

/**
 * Up to `MAX_CANDIDATES` distinct entries of the posting lists of `features` (rarest feature first),
 * each list read outwards from `around` (a position in the canonical order), at most `MAX_POSTING_READS`
 * reads in all. This bound, not the batch size, limits what one question costs: grouping stays linear
 * when every question shares every feature (one sentence sent many times) and when none do (random text).
 */
function candidates(
  features: readonly number[],
  postings: readonly (number[] | undefined)[],
  around: number,
  skip: number,
  work: GroupingWork,
): number[] {
  const found = new Set<number>();
  let reads = 0;
  for (const f of features) {
    const list = postings[f];
    if (list === undefined) continue;
    // The first entry at or after `around`, then alternately the next one right and left of it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < around) lo = mid + 1;
      else hi = mid;
    }
    let right = lo;
    let left = lo - 1;
    for (let readHere = 0; (right < list.length || left >= 0) && readHere < MAX_CANDIDATES; readHere++) {
      const takeRight = right < list.length && (left < 0 || right - lo <= lo - 1 - left);
      const entry = takeRight ? list[right++]! : list[left--]!;
      reads++;
      if (entry !== skip) found.add(entry);
      if (found.size >= MAX_CANDIDATES || reads >= MAX_POSTING_READS) break;
    }
    if (found.size >= MAX_CANDIDATES || reads >= MAX_POSTING_READS) break;
  }
  work.featureVisits += reads;
  return [...found].sort((a, b) => a - b);
}

/** Appends `entry` to the posting list of feature `f` (lists are created on first use: most features have none). */
function addPosting(postings: number[][], f: number, entry: number): void {
  const list = postings[f];
  if (list) list.push(entry);
  else postings[f] = [entry];
}

/** Groups similar questions, biggest group first (ties: the leader's text, then id). */
export function groupSimilarQuestions<T extends QuestionToGroup>(
  questions: readonly T[],
  options: GroupingOptions = {},
): QuestionGroup<T>[] {
  return group(questions, options).groups;
}

/** The work `groupSimilarQuestions` does on `questions` (for growth tests). */
export function groupingWork(
  questions: readonly QuestionToGroup[],
  options: GroupingOptions = {},
): GroupingWork {
  return group(questions, options).work;
}

function group<T extends QuestionToGroup>(
  input: readonly T[],
  options: GroupingOptions,
): { groups: QuestionGroup<T>[]; work: GroupingWork } {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const work: GroupingWork = { comparisons: 0, featureVisits: 0 };
  // Canonical order (text, then id): every later step reads lists in this order, so the result does not
  // depend on the order the questions came in.
  const questions = [...input].sort((a, b) => compare(a.text, b.text) || compare(a.id, b.id));
  const n = questions.length;
  const featureIds = new Map<string, number>();
  const featureNames: string[] = [];
  const documentFrequency: number[] = [];
  const sets = questions.map((q) => {
    const ids: number[] = [];
    for (const name of questionFeatures(q.text)) {
      let id = featureIds.get(name);
      if (id === undefined) {
        id = featureNames.length;
        featureIds.set(name, id);
        featureNames.push(name);
        documentFrequency.push(0);
      }
      ids.push(id);
      documentFrequency[id]!++;
    }
    return ids;
  });
  // Rarity weight: log(1 + N / documents containing the feature).
  const weights = new Float64Array(featureNames.length);
  for (let f = 0; f < featureNames.length; f++) {
    weights[f] = Math.log(1 + n / documentFrequency[f]!) * (KANA_ONLY.test(featureNames[f]!) ? 0.5 : 1);
  }
  // Only a feature two questions have can make them similar: the others count in a question's total
  // weight but are never looked up (random text then costs almost nothing).
  const indexed: Indexed[] = sets.map((ids) => ({
    features: Int32Array.from(ids.filter((f) => documentFrequency[f]! > 1)).sort(),
    total: ids.reduce((sum, f) => sum + weights[f]!, 0),
  }));
  // Shared features by rarity (heaviest first, then id): the rare ones find the truly similar questions.
  const byRarity = indexed.map((q) => [...q.features].sort((a, b) => weights[b]! - weights[a]! || a - b));
  const postings: number[][] = [];
  indexed.forEach((q, index) => {
    for (const f of q.features) addPosting(postings, f, index);
  });

  // Typicality: summed similarity to the nearest questions (those sharing the rarest features). Questions
  // sharing no feature have similarity 0, so below the candidate bound this is the sum over all others.
  const centrality = indexed.map((self, i) => {
    let sum = 1;
    for (const j of candidates(byRarity[i]!, postings, i, i, work)) {
      sum += similarity(self, indexed[j]!, weights, work);
    }
    return sum;
  });
  const order = questions.map((_, i) => i).sort((a, b) => centrality[b]! - centrality[a]! || a - b);

  // Leader clustering over an index of the leaders' features: a question is compared with the leaders
  // that share its rarest features, not with every leader.
  const groups: { leader: number; members: { index: number; score: number }[] }[] = [];
  const leaderPostings: number[][] = [];
  for (const i of order) {
    let best: (typeof groups)[number] | undefined;
    let bestScore = threshold;
    for (const g of candidates(byRarity[i]!, leaderPostings, 0, -1, work)) {
      const candidate = groups[g]!;
      const score = similarity(indexed[i]!, indexed[candidate.leader]!, weights, work);
      if (score >= bestScore && (best === undefined || score > bestScore)) {
        best = candidate;
        bestScore = score;
      }
    }
    if (best) best.members.push({ index: i, score: bestScore });
    else {
      for (const f of indexed[i]!.features) addPosting(leaderPostings, f, groups.length);
      groups.push({ leader: i, members: [{ index: i, score: 1 }] });
    }
  }

  const result = groups
    .map((g) => {
      const members = [...g.members].sort(
        (a, b) =>
          (a.index === g.leader ? -1 : 0) - (b.index === g.leader ? -1 : 0) ||
          b.score - a.score ||
          compare(questions[a.index]!.id, questions[b.index]!.id),
      );
      const items = members.map((m) => questions[m.index]!);
      return {
        label: questions[g.leader]!.text,
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
  return { groups: result, work };
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
