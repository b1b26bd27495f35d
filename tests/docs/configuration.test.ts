/**
 * docs/configuration.md documents every environment variable of the schema, as a row of its table.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EnvSchema } from '../../server/config/env-schema.ts';

const guide = fs.readFileSync('docs/configuration.md', 'utf8');

describe('docs/configuration.md', () => {
  it.each(Object.keys(EnvSchema.properties))('documents the environment variable %s', (name) => {
    expect(guide).toContain(`| \`${name}\` |`);
  });
});
