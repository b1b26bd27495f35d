/**
 * Japanese morphological analysis with kuromoji's IPADIC (shipped inside the kuromoji package that
 * lang-ja depends on). lang-ja's own stemmer keeps only katakana readings, which merges homophones
 * (保証 = 補償) and loses prefixes (不良品 → 良品); here we keep base forms (lemmas) and parts of speech.
 */

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import kuromoji from 'kuromoji';
import { BotError } from '../errors.ts';
import { installBoundedLatticeBuilder } from './kuromoji-lattice.ts';
import { type ViterbiDictionaries, ViterbiSearch } from './kuromoji-viterbi.ts';

const require = createRequire(import.meta.url);

/**
 * kuromoji's Node loader copies every decompressed dictionary file into a new array (77 MB in all) and
 * drops the original; the freed memory stays in the process (measured: RSS 328 → 273 MiB without the
 * copy). We hand kuromoji the decompressed buffer itself. Same bytes, same tokens (tested).
 */
function installNoCopyLoader(): void {
  const loader = require('kuromoji/src/loader/NodeDictionaryLoader.js') as {
    prototype: {
      loadArrayBuffer(file: string, callback: (error: Error | null, buffer?: ArrayBuffer) => void): void;
    };
  };
  loader.prototype.loadArrayBuffer = (file, callback) => {
    fs.readFile(file, (readError, compressed) => {
      if (readError) return callback(readError);
      zlib.gunzip(compressed, (gunzipError, out) => {
        if (gunzipError) return callback(gunzipError);
        const whole = out.byteOffset === 0 && out.buffer.byteLength === out.byteLength;
        callback(
          null,
          whole
            ? (out.buffer as ArrayBuffer)
            : (out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer),
        );
      });
    });
  };
}

/** One morpheme. */
export interface Morpheme {
  surface: string;
  /** Dictionary form (届いた → 届く); the surface for unknown words. */
  lemma: string;
  /** IPADIC part of speech (名詞, 動詞, 助詞 …). */
  pos: string;
  /** IPADIC sub-category (自立, 非自立, 数, 接尾 …). */
  posDetail: string;
}

type KuromojiTokenizer = kuromoji.Tokenizer<kuromoji.IpadicFeatures>;

let loading: Promise<KuromojiTokenizer> | undefined;
let loaded: KuromojiTokenizer | undefined;

export function dictionaryPath(): string {
  // kuromoji's package.json "main" is build/kuromoji.js (or src/); the dictionary sits beside them.
  return path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict');
}

/** Loads the dictionary once per thread (~0.5 s); later calls share the same promise. */
export function loadJapaneseAnalyzer(): Promise<void> {
  loading ??= new Promise<KuromojiTokenizer>((resolve, reject) => {
    installNoCopyLoader();
    installBoundedLatticeBuilder();
    kuromoji.builder({ dicPath: dictionaryPath() }).build((error, tokenizer) => {
      if (error) reject(error);
      else {
        loaded = tokenizer;
        // Its tables are built here, with the dictionary, not in the first message's time.
        search = new ViterbiSearch(tokenizer as unknown as TokenizerInternals);
        resolve(tokenizer);
      }
    });
  });
  return loading.then(() => undefined);
}

/** True once the dictionary is in memory, so analyse() is synchronous. */
export function isJapaneseAnalyzerReady(): boolean {
  return loaded !== undefined;
}

/** kuromoji's Tokenizer internals that analyseJapanese reads (kuromoji is pinned at 0.1.2). */
interface TokenizerInternals extends ViterbiDictionaries {
  token_info_dictionary: { getFeatures(id: number): string | null };
  unknown_dictionary: { getFeatures(id: number): string | null };
}

/** The best-path search over this thread's dictionary (built once, with the dictionary). */
let search: ViterbiSearch | undefined;

const splitByPunctuation = (
  require('kuromoji/src/Tokenizer.js') as { splitByPunctuation(text: string): string[] }
).splitByPunctuation;

/** What a dictionary entry says of a word: its IPADIC surface (known words), POS, sub-POS, base form. */
interface EntryFeatures {
  surface: string;
  pos: string;
  posDetail: string;
  basicForm: string;
}

/**
 * Parsed entries by word id, per dictionary. kuromoji re-reads and splits an entry's CSV line for every
 * token; a shopper's message repeats a few hundred common entries, so they are parsed once. Bounded: the
 * cache starts over past MAX_CACHED_ENTRIES (IPADIC has ~390,000).
 */
const knownEntries = new Map<number, EntryFeatures>();
const unknownEntries = new Map<number, EntryFeatures>();
const MAX_CACHED_ENTRIES = 50_000;

function entryOf(
  cache: Map<number, EntryFeatures>,
  dictionary: { getFeatures(id: number): string | null },
  id: number,
): EntryFeatures {
  let entry = cache.get(id);
  if (entry) return entry;
  const fields = dictionary.getFeatures(id)?.split(',') ?? [];
  entry = {
    surface: fields[0] ?? '',
    pos: fields[1] ?? '',
    posDetail: fields[2] ?? '',
    basicForm: fields[7] ?? '',
  };
  if (cache.size >= MAX_CACHED_ENTRIES) cache.clear();
  cache.set(id, entry);
  return entry;
}

/**
 * Splits normalised Japanese text into morphemes. Throws if the dictionary is not loaded yet. The same
 * morphemes as mapping kuromoji's tokenize(): the same sentences and best path (kuromoji-viterbi.ts),
 * with only the fields we use read from each entry (tested against tokenize()).
 */
export function analyseJapanese(text: string): Morpheme[] {
  if (!loaded) throw new BotError('BOT_ERR_ANALYZER_NOT_READY', 'call loadJapaneseAnalyzer() first');
  const tokenizer = loaded as unknown as TokenizerInternals;
  search ??= new ViterbiSearch(tokenizer);
  const morphemes: Morpheme[] = [];
  for (const sentence of splitByPunctuation(text)) {
    const tokens = search.search(sentence);
    for (let t = 0; t < tokens; t += 1) {
      const known = search.knownAt(t);
      const entry = known
        ? entryOf(knownEntries, tokenizer.token_info_dictionary, search.wordIdAt(t))
        : entryOf(unknownEntries, tokenizer.unknown_dictionary, search.wordIdAt(t));
      const surface = known ? entry.surface : sentence.slice(search.fromAt(t), search.toAt(t));
      morphemes.push({
        surface,
        lemma: entry.basicForm && entry.basicForm !== '*' ? entry.basicForm : surface,
        pos: entry.pos,
        posDetail: entry.posDetail,
      });
    }
  }
  return morphemes;
}

/** kuromoji's own tokenize(), mapped to morphemes the way analyseJapanese reads them (for its tests). */
export function analyseJapaneseWithTokenize(text: string): Morpheme[] {
  if (!loaded) throw new BotError('BOT_ERR_ANALYZER_NOT_READY', 'call loadJapaneseAnalyzer() first');
  return loaded.tokenize(text).map((token) => ({
    surface: token.surface_form,
    lemma: token.basic_form && token.basic_form !== '*' ? token.basic_form : token.surface_form,
    pos: token.pos,
    posDetail: token.pos_detail_1,
  }));
}
