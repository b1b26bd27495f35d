/**
 * The corpus in its file format (`<locale>/<domain>.yaml`, bot/corpus/corpus-schema.ts) and back: the
 * console's export/import and `npm run corpus` share it, so a file exported from the console is the file
 * the repository's `corpus/` holds.
 */
import { stringify as toYaml } from 'yaml';
import type { CorpusFile } from '../../bot/corpus/corpus-schema.ts';
import { CorpusFormatError, type LoadedIntent, parseCorpusFile } from '../../bot/corpus/load-corpus.ts';
import type { StoredCorpusIntent } from '../storage/corpus-store.ts';

/** One corpus file: a path like `ja/orders.yaml` and its YAML text. */
export interface CorpusFileText {
  path: string;
  content: string;
}

/** Groups stored intents into one YAML file per locale and domain. */
export function toCorpusFiles(intents: readonly StoredCorpusIntent[]): CorpusFileText[] {
  const files = new Map<string, CorpusFile>();
  for (const stored of intents) {
    const path = `${stored.locale}/${stored.domain}.yaml`;
    const file = files.get(path) ?? { locale: stored.locale, domain: stored.domain, intents: [] };
    file.intents.push(stored.intent);
    files.set(path, file);
  }
  return [...files].map(([path, file]) => ({ path, content: toYaml(file, { lineWidth: 0 }) }));
}

/**
 * Parses and validates files; throws CorpusFormatError naming the file and the problem (bad YAML,
 * schema violation, a file whose locale differs from its folder).
 */
export function fromCorpusFiles(files: readonly CorpusFileText[]): LoadedIntent[] {
  const intents: LoadedIntent[] = [];
  for (const { path, content } of files) {
    const parsed = parseCorpusFile(path, content);
    const folder = path.split('/')[0];
    if (folder !== parsed.locale) {
      throw new CorpusFormatError(path, [`locale is "${parsed.locale}" but the file is under ${folder}/`]);
    }
    for (const intent of parsed.intents) {
      intents.push({ ...intent, locale: parsed.locale, domain: parsed.domain, file: path });
    }
  }
  return intents;
}
