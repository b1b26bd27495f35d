/**
 * docs/commands.md mentions every npm script of package.json.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = fs.readFileSync('docs/commands.md', 'utf8');
const scripts = Object.keys(
  (JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts,
);

describe('docs/commands.md', () => {
  it.each(scripts)('mentions npm run %s', (name) => {
    const command = name === 'start' || name === 'test' ? `npm ${name}` : `npm run ${name}`;
    expect(guide).toContain(command);
  });
});
