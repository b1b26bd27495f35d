/**
 * The operator CLIs run as real processes against a real SQLite database: `npm run staff` creates an
 * account the console accepts, `npm run corpus` exports the database corpus and imports files back
 * (refusing a broken file without changing anything).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../helpers/console-client.ts';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

async function cli(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [script, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('staff and corpus CLIs', () => {
  let dataDir: string;
  let app: BuiltTestApp;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-cli-'));
    // The app seeds the database corpus; the CLIs then work on the same file.
    app = await buildTestApp({ dataDir });
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('adds an admin whose password signs in to the console', async () => {
    const result = await cli('server/cli/staff.ts', ['add', '--email', 'boss@shop.test', '--role', 'admin'], {
      DATA_DIR: dataDir,
      STAFF_PASSWORD: 'a very long passphrase',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('created admin boss@shop.test');
    const admin = await signIn(app.fastify, 'boss@shop.test', 'a very long passphrase');
    expect((await admin.call('GET', '/me')).body.user.role).toBe('admin');
  });

  it('refuses a short password and an unknown role', async () => {
    const short = await cli('server/cli/staff.ts', ['add', '--email', 'x@shop.test', '--role', 'editor'], {
      DATA_DIR: dataDir,
      STAFF_PASSWORD: 'short',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
    const role = await cli('server/cli/staff.ts', ['add', '--email', 'x@shop.test', '--role', 'owner'], {
      DATA_DIR: dataDir,
      STAFF_PASSWORD: 'long enough password',
    });
    expect(role.code).toBe(2);
    expect(role.stderr).toContain('unknown role owner');
  });

  it('exports the corpus to YAML files and imports an edited file back', async () => {
    const out = path.join(dataDir, 'export');
    const exported = await cli('server/cli/corpus.ts', ['export', '--out', out], { DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    const file = path.join(out, 'ja', 'test.yaml');
    const yaml = await fs.readFile(file, 'utf8');
    expect(yaml).toContain('shipping.fee');
    await fs.writeFile(file, yaml.replace('送料はいくら', '送料はいくらかかるの'));
    const imported = await cli('server/cli/corpus.ts', ['import', '--from', out], { DATA_DIR: dataDir });
    expect(imported.code).toBe(0);
    const stored = await app.fastify.corpusStore.get('ja', 'shipping.fee');
    expect(stored?.intent.utterances).toContain('送料はいくらかかるの');
  });

  it('imports nothing when one file is broken', async () => {
    const broken = path.join(dataDir, 'broken');
    await fs.mkdir(path.join(broken, 'ja'), { recursive: true });
    await fs.writeFile(
      path.join(broken, 'ja', 'bad.yaml'),
      'locale: ja\ndomain: bad\nintents:\n  - id: Bad Id\n',
    );
    const before = await app.fastify.corpusStore.list();
    const result = await cli('server/cli/corpus.ts', ['import', '--from', broken], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('ja/bad.yaml');
    expect(await app.fastify.corpusStore.list()).toHaveLength(before.length);
  });
});
