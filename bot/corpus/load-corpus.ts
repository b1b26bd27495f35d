/**
 * Reads and validates the corpus directory. Errors name the file and the path inside it, so staff can
 * fix a broken YAML file without reading code.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { BotError } from '../errors.ts';
import type { Locale } from '../nlu/types.ts';
import { type CorpusFile, CorpusFileSchema, type CorpusIntent } from './corpus-schema.ts';

/** A corpus intent with where it came from. */
export interface LoadedIntent extends CorpusIntent {
  locale: Locale;
  domain: string;
  file: string;
}

/** The whole corpus: intents per locale. */
export interface Corpus {
  intents: LoadedIntent[];
}

/** A corpus file that cannot be read or does not match the schema. */
export class CorpusFormatError extends BotError {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super('BOT_ERR_CORPUS_FORMAT', `${file}: ${problems.join('; ')}`);
  }
}

/** Validates one parsed file; throws CorpusFormatError listing every problem. */
export function validateCorpusFile(file: string, data: unknown): CorpusFile {
  if (Value.Check(CorpusFileSchema, data)) return data;
  const problems = [...Value.Errors(CorpusFileSchema, data)]
    .slice(0, 20)
    .map((e) => `${e.path || '/'} ${e.message}`);
  throw new CorpusFormatError(file, problems);
}

/** Parses YAML text of one corpus file. */
export function parseCorpusFile(file: string, text: string): CorpusFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new CorpusFormatError(file, [error instanceof Error ? error.message : String(error)]);
  }
  return validateCorpusFile(file, data);
}

/** Loads every `<locale>/<domain>.yaml` under a corpus directory, in a stable (sorted) order. */
export async function loadCorpus(directory: string): Promise<Corpus> {
  const intents: LoadedIntent[] = [];
  for (const locale of ['ja', 'en'] as const) {
    const localeDir = path.join(directory, locale);
    let names: string[];
    try {
      names = (await fs.readdir(localeDir)).filter((n) => n.endsWith('.yaml') || n.endsWith('.yml')).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(localeDir, name);
      const parsed = parseCorpusFile(file, await fs.readFile(file, 'utf8'));
      if (parsed.locale !== locale) {
        throw new CorpusFormatError(file, [`locale is "${parsed.locale}" but the file is under ${locale}/`]);
      }
      for (const intent of parsed.intents) intents.push({ ...intent, locale, domain: parsed.domain, file });
    }
  }
  return { intents };
}

/** Training examples of one locale (utterances only; `tests` are held out). */
export function trainingExamples(corpus: Corpus, locale: Locale): { text: string; intent: string }[] {
  return corpus.intents
    .filter((i) => i.locale === locale)
    .flatMap((i) => i.utterances.map((text) => ({ text, intent: i.id })));
}

/** Held-out test examples of one locale. */
export function testExamples(corpus: Corpus, locale: Locale): { text: string; intent: string }[] {
  return corpus.intents
    .filter((i) => i.locale === locale)
    .flatMap((i) => (i.tests ?? []).map((text) => ({ text, intent: i.id })));
}
