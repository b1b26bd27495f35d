/**
 * docs/development.md names the installed dependencies whose declared Node version excludes Node 20, so
 * the `EBADENGINE` warning of `npm install` on Node 20 is explained.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';

const guide = fs.readFileSync('docs/development.md', 'utf8');

describe('docs/development.md', () => {
  it('names every installed dependency whose declared Node version excludes Node 20', () => {
    const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8')) as {
      packages: Record<string, { version?: string; dev?: boolean; engines?: { node?: string } }>;
    };
    const excluding = Object.entries(lock.packages)
      .filter(([, p]) => !p.dev && /^>=\s*2[1-9]/u.test(p.engines?.node ?? ''))
      .map(([where, p]) => `${where.replace(/^.*node_modules\//u, '')}@${p.version}`);
    expect(excluding.length).toBeGreaterThan(0);
    for (const dependency of excluding) expect(guide).toContain(`\`${dependency}\``);
  });
});
