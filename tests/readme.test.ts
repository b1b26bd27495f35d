/**
 * The README stays true about configuration and commands: every environment variable of the schema and
 * every npm script is documented there, and the facts it states about the corpus, the Node version and
 * the staff CLI match the repository.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { EnvSchema } from '../server/config/env-schema.ts';

const readme = fs.readFileSync('README.md', 'utf8');

describe('README', () => {
  it.each(Object.keys(EnvSchema.properties))('documents the environment variable %s', (name) => {
    expect(readme).toContain(`| \`${name}\` |`);
  });

  const scripts = Object.keys(
    (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
  );
  it.each(scripts)('mentions npm run %s', (name) => {
    const command = name === 'start' || name === 'test' ? `npm ${name}` : `npm run ${name}`;
    expect(readme).toContain(command);
  });

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

  it('names every installed dependency whose declared Node version excludes Node 20', () => {
    const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }>;
    };
    const excluding = Object.entries(lock.packages)
      .filter(([, p]) => !p.dev && /^>=\s*2[1-9]/u.test(p.engines?.node ?? ''))
      .map(([where, p]) => `${where.replace(/^.*node_modules\//u, '')}@${p.version}`);
    expect(excluding.length).toBeGreaterThan(0);
    for (const dependency of excluding) expect(readme).toContain(`\`${dependency}\``);
  });
});
