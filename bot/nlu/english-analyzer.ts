/**
 * English tokens and stems from NLP.js's lang-en (Porter stemmer, contraction handling).
 */
import { StemmerEn, StopwordsEn, TokenizerEn } from '@nlpjs/lang-en';

const tokenizer = new TokenizerEn();
const stemmer = new StemmerEn();
const stopwords = new StopwordsEn();

/** One English word. */
export interface EnglishWord {
  surface: string;
  stem: string;
  /** Function words (the, is, my) do not count as content for the coverage gate. */
  isStopword: boolean;
}

/** Tokenises and stems normalised English (and romaji) text. */
export function analyseEnglish(text: string): EnglishWord[] {
  const surfaces = tokenizer.tokenize(text, false).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const stems = stemmer.stem([...surfaces]);
  return surfaces.map((surface, i) => ({
    surface,
    stem: stems[i] ?? surface,
    isStopword: stopwords.isStopword(surface),
  }));
}
