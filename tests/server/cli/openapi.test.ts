/**
 * `npm run openapi` as a real process: with the app's real start-up (no database, model or environment
 * of its own), `--check` finds the committed docs/console-openapi.json up to date and the process ends
 * at once, without waiting for the first model's training.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

describe('npm run openapi', () => {
  it('--check finds the committed document up to date', async () => {
    const { stdout } = await run(TSX, ['server/cli/openapi.ts', '--check'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '/nonexistent/data' },
      timeout: 120_000,
    });
    expect(stdout).toContain('docs/console-openapi.json matches the route schemas');
  }, 150_000);
});
