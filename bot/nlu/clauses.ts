/**
 * Splits a message into the spans a request can hide in. Japanese shoppers tell the story first and ask
 * at the end (「お試しを注文した。2回目が届いた。解約したいが電話がつながらない。」): the request is one
 * clause among many unfamiliar words, and a classifier reading the whole message sees mostly context. The
 * engine classifies every span as well as the whole and lets the fitted decision layer (decide.ts) pick.
 *
 * Sentences end at 。！？!? and line breaks; a Japanese sentence is cut again after a conjunctive particle
 * that joins two clauses (が・けど・のに・ので・から・し), so 「解約したいが電話がつながらない」 gives
 * 「解約したいが」 and 「電話がつながらない」. Pure functions over morphemes (no dictionary access here).
 */

import { codePointKinds } from './code-point-kinds.ts';
import type { Morpheme } from './japanese-analyzer.ts';

/** Conjunctive particles (IPADIC 助詞-接続助詞) after which a new clause starts. */
const CLAUSE_JOINERS = new Set(['が', 'けど', 'けれど', 'けれども', 'のに', 'ので', 'から', 'し']);
/** Characters that end a sentence. */
const SENTENCE_END = /^[。！？!?\n.]+$/u;
/** A span needs this many letters or digits to be worth classifying on its own. */
export const MIN_CLAUSE_CHARACTERS = 3;
/**
 * At most this many spans per message: a pasted essay must not cost a prediction per sentence. The last
 * spans are kept (the request is usually at the end). Six keeps a shopper's whole story (real complaints
 * run to four or five sentences; the development set scores the same with four as with eight) and makes a
 * 200-character message a third cheaper than eight did.
 */
export const MAX_CLAUSES = 6;

const LETTER = /^[\p{L}\p{N}]$/u;
const IS_LETTER = 1;
const letterKind = codePointKinds((character) => (LETTER.test(character) ? IS_LETTER : 2));

/**
 * Letters and digits in a text (a clause's share of its message is counted in these). Counted through a
 * table rather than `match`, which built an array of every letter of every span of every message.
 */
export function letterCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.codePointAt(i)!;
    if (code > 0xffff) i += 1;
    if (letterKind(code) === IS_LETTER) count += 1;
  }
  return count;
}

/** A run of morphemes of the message, with its text. */
export interface Clause {
  morphemes: Morpheme[];
  /** The position of the clause's first morpheme in the message's. */
  start: number;
  text: string;
  /**
   * True for a clause that only sets the scene for what follows: it ends in a conjunctive particle and
   * asks for nothing (「定期を申し込んだのですが、」「いつでも解約できるはずなのに、」). Such a clause is
   * the story, not the request, and is not classified on its own (the whole message still holds it).
   * A clause that wants or asks something (「解約したいのですが、」「届きますか、」) is not background.
   */
  background: boolean;
}

/** Morphemes that make a clause a request or a question: it is not background, whatever follows it. */
function asksSomething(morphemes: readonly Morpheme[]): boolean {
  return morphemes.some(
    (m) =>
      (m.pos === '助動詞' && m.lemma === 'たい') ||
      (m.pos === '形容詞' && (m.lemma === 'ほしい' || m.lemma === '欲しい')) ||
      (m.pos === '動詞' && (m.lemma === 'くださる' || m.lemma === '下さる')) ||
      (m.pos === '助詞' && m.surface === 'か' && m.posDetail.includes('終助詞')) ||
      m.surface === '?' ||
      m.surface === '？',
  );
}

/**
 * Cuts analysed Japanese text into clauses. Returns an empty list when the message is one clause (the
 * whole message already covers it). Spans too short to mean anything alone (「はい。」) are dropped.
 */
export function japaneseClauses(morphemes: readonly Morpheme[]): Clause[] {
  const clauses: Clause[] = [];
  let current: Morpheme[] = [];
  let start = 0;
  const close = (joined: boolean, next: number): void => {
    if (current.length > 0)
      clauses.push({
        morphemes: current,
        start,
        text: current.map((m) => m.surface).join(''),
        background: joined && !asksSomething(current),
      });
    current = [];
    start = next;
  };
  for (let i = 0; i < morphemes.length; i += 1) {
    const m = morphemes[i]!;
    current.push(m);
    if (SENTENCE_END.test(m.surface)) close(false, i + 1);
    else if (m.pos === '助詞' && m.posDetail === '接続助詞' && CLAUSE_JOINERS.has(m.surface))
      close(true, i + 1);
  }
  close(false, morphemes.length);
  return keepMeaningful(clauses);
}

/** Cuts normalised English text into sentences (clauses inside an English sentence stay together). */
export function englishClauses(text: string): string[] {
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return keepMeaningful(sentences.map((s) => ({ morphemes: [], start: 0, text: s, background: false }))).map(
    (c) => c.text,
  );
}

/** The last clause is never background: a message ending in 「…のですが」 asks with it. */
function keepMeaningful(clauses: Clause[]): Clause[] {
  const meaningful = clauses.filter((c) => letterCount(c.text) >= MIN_CLAUSE_CHARACTERS);
  if (meaningful.length < 2) return [];
  const kept = meaningful.slice(-MAX_CLAUSES);
  const last = kept[kept.length - 1]!;
  kept[kept.length - 1] = { ...last, background: false };
  return kept;
}
