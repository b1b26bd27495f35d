/**
 * The README stays true about configuration and commands: every environment variable of the schema and
 * every npm script is documented there.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
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
});
