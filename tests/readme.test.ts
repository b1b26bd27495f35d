/**
 * The README stays true as the front door: the facts it states about the corpus, the Node version, the
 * staff CLI and the measured quality match the repository. The reference facts live in docs/ and have
 * their own tests (tests/docs/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const readme = fs.readFileSync('README.md', 'utf8');

describe('README', () => {
  it('states how many intents each locale has, as the corpus files have them', () => {
    const counts = ['ja', 'en'].map((locale) => {
      const dir = path.join('corpus', locale);
      return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith('.yaml'))
        .reduce((sum, file) => {
          const data = parseYaml(fs.readFileSync(path.join(dir, file), 'utf8')) as { intents?: unknown[] };
          return sum + (data.intents?.length ?? 0);
        }, 0);
    });
    expect(counts[0]).toBe(counts[1]);
    expect(readme).toContain(`in each of ja and en, ${(counts[0] ?? 0) - 1} intents plus the`);
    expect(readme).toContain(`so ${counts[0]} per locale and ${(counts[0] ?? 0) * 2} in the database`);
  });

  it("names package.json's Node version", () => {
    const engines = (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { engines: { node: string } })
      .engines.node;
    expect(readme).toContain(`Node.js ${engines.replace(/^>=\s*/u, '')} or newer`);
  });

  it("says the staff CLI needs the server's DATA_DIR or DATABASE_URL", () => {
    const setup = readme.slice(readme.indexOf('The staff console needs a first account'));
    expect(setup.slice(0, 600)).toMatch(
      /`npm run staff` opens the database itself, so run it with the server's\s+`DATA_DIR` or `DATABASE_URL`/u,
    );
  });

  it('gives the real-shopper evaluation command with its figures next to the held-out ones', () => {
    const command = 'npm run eval -- ../shared/datasets/ja-real-dev/data.tsv --locale ja';
    expect(readme).toContain(command);
    const quality = readme.slice(readme.indexOf('| measured'), readme.indexOf(command));
    expect(quality).toMatch(/real shoppers' questions.*\d+\.\d %.*\d+\.\d %/u);
    expect(quality).toMatch(/held-out tests.*\d+\.\d %/u);
  });

  it('links every guide in docs/', () => {
    const guides = fs.readdirSync('docs').filter((file) => file.endsWith('.md'));
    for (const guide of guides) expect(readme).toContain(`](docs/${guide})`);
  });
});
