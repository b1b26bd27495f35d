/**
 * The database corpus and the YAML files, from the terminal (git workflows, backups):
 *
 *   npm run corpus -- export --out ./corpus-export   writes <locale>/<domain>.yaml files
 *   npm run corpus -- import --from ./corpus          replaces the database corpus with the files
 *                                      [--remove-all]  (needed when the files keep none of the intents)
 *
 * Import validates every file first and changes nothing when one is wrong; lint findings are printed.
 * The replaced corpus stays in the history (console: 意図 → 履歴) and can be restored.
 * Shoppers see an imported corpus once a model trained on it is published (console, 学習と公開).
 * Uses the same DATABASE_URL / DATA_DIR as the server.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { lintCorpus } from '../../bot/corpus/lint-corpus.ts';
import { CorpusFormatError } from '../../bot/corpus/load-corpus.ts';
import { parseEnv } from '../config/load-config.ts';
import { type CorpusFileText, fromCorpusFiles, toCorpusFiles } from '../console/corpus-files.ts';
import { removesEveryIntent } from '../console/import-guard.ts';
import { CorpusStore } from '../storage/corpus-store.ts';
import { openStorage } from '../storage/open-storage.ts';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function readCorpusDir(directory: string): Promise<CorpusFileText[]> {
  const files: CorpusFileText[] = [];
  for (const locale of ['ja', 'en']) {
    let names: string[];
    try {
      names = (await fs.readdir(path.join(directory, locale))).filter((n) => /\.ya?ml$/u.test(n)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      files.push({
        path: `${locale}/${name}`,
        content: await fs.readFile(path.join(directory, locale, name), 'utf8'),
      });
    }
  }
  return files;
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, from: { type: 'string' }, 'remove-all': { type: 'boolean' } },
});
const command = positionals[0];
if (command !== 'export' && command !== 'import') {
  fail('usage: npm run corpus -- export --out <dir> | import --from <dir> [--remove-all]');
}

const env = parseEnv(process.env);
const storage = await openStorage({
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  dataDir: env.DATA_DIR,
  sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
});
const store = new CorpusStore(() => storage.database(), storage.dialect);
try {
  if (command === 'export') {
    const out = values.out ?? fail('--out <dir> is required');
    const files = toCorpusFiles(await store.list());
    for (const file of files) {
      await fs.mkdir(path.join(out, path.dirname(file.path)), { recursive: true });
      await fs.writeFile(path.join(out, file.path), file.content);
    }
    process.stdout.write(`wrote ${files.length} files to ${out}\n`);
  } else {
    const from = values.from ?? fail('--from <dir> is required');
    const files = await readCorpusDir(from);
    if (files.length === 0) fail(`no ja/*.yaml or en/*.yaml files under ${from}`);
    const intents = fromCorpusFiles(files);
    const current = (await store.list()).map((i) => ({ locale: i.locale, id: i.intent.id }));
    if (!values['remove-all'] && removesEveryIntent(current, intents)) {
      fail(`the files keep none of the ${current.length} intents; add --remove-all to replace them all`);
    }
    const issues = lintCorpus({ intents });
    for (const issue of issues) process.stdout.write(`${issue.severity}\t${issue.code}\t${issue.message}\n`);
    await store.replaceAll({ intents }, null, new Date());
    process.stdout.write(
      `imported ${intents.length} intents from ${files.length} files; train and publish in the console\n`,
    );
  }
} catch (error) {
  if (error instanceof CorpusFormatError) fail(error.message);
  fail(`failed: ${(error as Error).message}`);
} finally {
  await storage.close();
}
