/**
 * Staff read every refusal of the console API in their language: each code the server can answer the
 * console with has a sentence in every table (the alert falls back to the server's English only for a
 * code it does not know, e.g. fastify's own validation errors).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { TRANSLATIONS } from '../../../console/translations/index.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The CONSOLE_ERR_* and SERVER_ERR_* codes written in the server's sources. */
function serverCodes(): string[] {
  const codes = new Set<string>();
  const visit = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.ts')) {
        for (const match of fs.readFileSync(file, 'utf8').matchAll(/'((?:CONSOLE|SERVER)_ERR_[A-Z_]+)'/gu)) {
          codes.add(match[1]!);
        }
      }
    }
  };
  visit(path.join(ROOT, 'server'));
  return [...codes].sort();
}

describe('console error terms', () => {
  const codes = serverCodes();

  test('the server has codes to translate', () => {
    expect(codes).toContain('CONSOLE_ERR_MODEL_WORSE');
  });

  test.each(Object.keys(TRANSLATIONS))('every code the server sends has a sentence in %s', (locale) => {
    const table = TRANSLATIONS[locale as keyof typeof TRANSLATIONS] as Record<string, unknown>;
    expect(codes.filter((code) => typeof table[`error_${code}`] !== 'string')).toEqual([]);
  });
});
