/**
 * The small test corpus written as corpus files (`<dir>/<locale>/test.yaml`), for tests that start the
 * real server process: it trains in about a second instead of the shipped corpus's ten.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { stringify as toYaml } from 'yaml';
import { SMALL_CORPUS } from './small-corpus.ts';

/** Writes SMALL_CORPUS under `dir`. */
export async function writeSmallCorpus(dir: string): Promise<void> {
  for (const locale of ['ja', 'en'] as const) {
    await fs.mkdir(path.join(dir, locale), { recursive: true });
    const intents = SMALL_CORPUS.intents
      .filter((i) => i.locale === locale)
      .map(({ locale: _l, domain: _d, file: _f, ...intent }) => intent);
    await fs.writeFile(path.join(dir, locale, 'test.yaml'), toYaml({ locale, domain: 'test', intents }));
  }
}
