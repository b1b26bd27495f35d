/**
 * `npm run backup` as a real process against the running app's SQLite file while chats keep writing:
 * the backup finishes (the chats are not stopped for it, and keep being acknowledged meanwhile), and a
 * restore of it into a fresh data directory holds every message acknowledged before the backup started,
 * in whole exchanges, passes `pragma integrity_check`, and serves chats again. It refuses to overwrite a
 * file and refuses PostgreSQL with a pointer to the docs.
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../../server/storage/open-storage.ts';
import { buildTestApp, ChatClient, startTestApp, type TestApp } from '../../helpers/test-app.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

/** An acknowledged shopper message: its id and when the ack arrived. */
interface Acked {
  messageId: string;
  ackedAt: number;
}

/** A chat that sends one message after another until stopped, recording each ack. */
async function busyChat(url: string, acked: Acked[]): Promise<{ stop(): Promise<void> }> {
  const client = await ChatClient.connect(url);
  client.send({ type: 'hello' });
  await client.next('welcome');
  let running = true;
  const loop = (async () => {
    for (let seq = 1; running; seq += 1) {
      client.send({ type: 'message', text: `送料はいくらですか ${seq}`, seq });
      const ack = await client.next('ack', 20_000);
      acked.push({ messageId: String(ack.messageId), ackedAt: Date.now() });
      await client.next('reply', 20_000);
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      client.close();
    },
  };
}

async function backupCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(TSX, ['server/cli/backup.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('backup CLI', () => {
  let root: string;
  let app: TestApp;

  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-backup-cli-'));
    // Each chat sends as fast as it is answered: the per-socket rate limit is lifted.
    app = await startTestApp({
      dataDir: path.join(root, 'data'),
      env: { CHAT_RATE_PER_MINUTE: '100000', CHAT_RATE_BURST: '100000' },
    });
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('backs up while chats write, and the restore holds every message acknowledged before it', async () => {
    const acked: Acked[] = [];
    const chats = await Promise.all(Array.from({ length: 6 }, () => busyChat(app.url, acked)));
    // Enough history that the copy takes several steps (8 pages each) with commits in between. A busy
    // CI machine answers slowly, so the wait is bounded by the test's own timeout rather than a guess.
    const deadline = Date.now() + 80_000;
    while (acked.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    const target = path.join(root, 'backup.sqlite');
    const spawnedAt = Date.now();
    // Every ack received so far arrived before the backup process exists.
    const ackedBefore = acked.map((a) => a.messageId);
    const child = spawn(TSX, ['server/cli/backup.ts', target, '--pages-per-step', '8'], {
      env: { ...process.env, DATA_DIR: path.join(root, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    const endedAt = Date.now();
    await Promise.all(chats.map((chat) => chat.stop()));

    expect(code, output).toBe(0);
    expect(output).toContain('snapshot taken at');
    expect(output).toContain('100 %');
    expect(output).toContain('integrity_check: ok');
    // The server's chats come first: the backup runs at the lowest CPU priority.
    expect(output).toContain('at nice 19');
    // Online: the chats were acknowledged while the backup ran.
    expect(acked.filter((a) => a.ackedAt > spawnedAt && a.ackedAt < endedAt).length).toBeGreaterThan(0);
    expect((await fs.stat(target)).mode & 0o777).toBe(0o600);
    await expect(fs.access(`${target}.partial`)).rejects.toThrow();

    // Restore: the server stopped (here: a fresh data directory), the file copied in, then started.
    const restoredDir = path.join(root, 'restored');
    await fs.mkdir(restoredDir, { mode: 0o700 });
    await fs.copyFile(target, path.join(restoredDir, SQLITE_FILE_NAME));
    const file = new SqliteDatabase(path.join(restoredDir, SQLITE_FILE_NAME));
    try {
      expect(file.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(
        (file.prepare("select id from messages where role = 'shopper'").pluck().all() as string[]).map(
          String,
        ),
      );
      const missing = ackedBefore.filter((id) => !ids.has(id));
      expect(ackedBefore.length).toBeGreaterThanOrEqual(300);
      expect(missing).toEqual([]);
      // Whole exchanges only: every shopper message in the copy has its reply (one commit each).
      const unanswered = file
        .prepare(
          "select count(*) from messages s where s.role = 'shopper' and not exists (select 1 from messages b where b.reply_to = s.id)",
        )
        .pluck()
        .get();
      expect(unanswered).toBe(0);
    } finally {
      file.close();
    }

    const restored = await buildTestApp({ dataDir: restoredDir });
    try {
      const client = await ChatClient.inject(restored.fastify);
      client.send({ type: 'hello' });
      await client.next('welcome');
      client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
      await client.next('ack');
      expect((await client.next('reply')).type).toBe('reply');
      client.close();
    } finally {
      await restored.close();
    }
  }, 180_000);

  it('refuses to overwrite an existing file', async () => {
    const existing = path.join(root, 'existing.sqlite');
    await fs.writeFile(existing, 'keep me');
    const result = await backupCli([existing], { DATA_DIR: path.join(root, 'data') });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('BACKUP_ERR_TARGET_EXISTS');
    expect(await fs.readFile(existing, 'utf8')).toBe('keep me');
  });

  it('refuses PostgreSQL and points to pg_dump and point-in-time recovery', async () => {
    const result = await backupCli([path.join(root, 'pg.sqlite')], {
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pg_dump');
    expect(result.stderr).toContain('docs/operations.md#postgresql');
  });

  it('refuses without a file name', async () => {
    const result = await backupCli([], { DATA_DIR: path.join(root, 'data') });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: npm run backup -- <file>');
  });
});
