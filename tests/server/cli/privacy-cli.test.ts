/**
 * `npm run privacy` as a real process against the app's SQLite file: a dry run changes nothing, a
 * deletion removes the shopper and logs an audit line without the address, purge-expired removes old
 * conversations only.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineInboxStore } from '../../../server/channels/line/line-inbox-store.ts';
import { LineUserStore } from '../../../server/channels/line/line-user-store.ts';
import { subjectHash } from '../../../server/privacy/privacy-service.ts';
import { conversationAt, exchangeAt } from '../../helpers/chat-rows.ts';
import { type BuiltTestApp, buildTestApp } from '../../helpers/test-app.ts';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');

async function privacyCli(args: string[], env: Record<string, string>) {
  try {
    const { stdout, stderr } = await run(TSX, ['server/cli/privacy.ts', ...args], {
      env: { ...process.env, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `table\tcount` lines as an object. */
function counts(stdout: string): Record<string, number> {
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter((line) => line.includes('\t'))
      .map((line) => {
        const [table, count] = line.split('\t');
        return [table!, Number(count)];
      }),
  );
}

describe('privacy CLI', () => {
  let dataDir: string;
  let app: BuiltTestApp;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-privacy-cli-'));
    app = await buildTestApp({ dataDir });
  });
  afterAll(async () => {
    await app.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a deletion without exactly one subject', async () => {
    const result = await privacyCli(['delete'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('exactly one of --email and --conversation');
  });

  it('counts with --dry-run, then deletes by email with an audit line that has no address', async () => {
    const email = 'cli.shopper@example.jp';
    const id = await conversationAt(app.fastify, new Date());
    await exchangeAt(app.fastify, id, `連絡先は ${email} です`, { at: new Date(), decision: 'none' });

    const dry = await privacyCli(['delete', '--email', email, '--dry-run'], { DATA_DIR: dataDir });
    expect(dry.code).toBe(0);
    expect(counts(dry.stdout)).toMatchObject({ conversations: 1, messages: 2 });
    expect(dry.stdout).toContain('dry run: nothing was deleted');
    expect(await app.fastify.storage.getConversation(id)).toBeDefined();

    const done = await privacyCli(['delete', '--email', email], { DATA_DIR: dataDir });
    expect(done.code).toBe(0);
    expect(counts(done.stdout)).toMatchObject({ conversations: 1, messages: 2 });
    expect(await app.fastify.storage.getConversation(id)).toBeUndefined();
    const audit = JSON.parse(done.stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
    expect(audit).toMatchObject({
      event: 'privacy.delete',
      actor: 'cli',
      subjectHash: subjectHash({ email }),
    });
    expect(done.stderr).not.toContain(email);
  });

  it('exports a LINE user as JSON, then deletes them by LINE user id', async () => {
    const lineUserId = 'U00000000000000000000000000c11e01';
    const db = () => app.fastify.storage.database();
    const at = new Date();
    await new LineInboxStore(db, app.fastify.storage.dialect).storeEvents(
      [
        {
          webhookEventId: 'cli-line-1',
          lineUserId,
          type: 'message',
          event: { type: 'message', message: { type: 'text', text: '次のお届けはいつ？' } },
          replyToken: null,
          eventAt: at,
        },
      ],
      at,
    );
    const id = await conversationAt(app.fastify, at);
    await exchangeAt(app.fastify, id, '次のお届けはいつ？', { at, decision: 'none' });
    const users = new LineUserStore(db);
    await users.bindConversation(lineUserId, id, at);
    await users.link(lineUserId, { customerId: 'cust-cli-7' }, at);

    const exported = await privacyCli(['export', '--line-user', lineUserId], { DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    const data = JSON.parse(exported.stdout) as Record<string, unknown>;
    expect(data).toMatchObject({
      lineUserId,
      user: { linkedCustomerId: 'cust-cli-7', following: true },
      conversations: [{ id, messages: [{ role: 'shopper', text: '次のお届けはいつ？' }, { role: 'bot' }] }],
      events: [{ type: 'message' }],
    });

    const done = await privacyCli(['delete', '--line-user', lineUserId], { DATA_DIR: dataDir });
    expect(done.code).toBe(0);
    expect(counts(done.stdout)).toMatchObject({ conversations: 1, messages: 2, lineUsers: 1, lineEvents: 1 });
    expect(await app.fastify.storage.getConversation(id)).toBeUndefined();
    expect(await users.find(lineUserId)).toBeUndefined();
    expect(done.stderr).not.toContain(lineUserId);
    expect(JSON.parse(done.stderr.trim().split('\n').at(-1)!)).toMatchObject({
      by: 'line-user',
      subjectHash: subjectHash({ lineUserId }),
    });
  });

  it('refuses a LINE user id that is not one', async () => {
    const result = await privacyCli(['delete', '--line-user', 'hanako'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a LINE user id');
  });

  it('purge-expired deletes conversations older than RETENTION_DAYS and keeps the rest', async () => {
    const old = await conversationAt(app.fastify, new Date(Date.now() - 40 * 86_400_000));
    const recent = await conversationAt(app.fastify, new Date(Date.now() - 5 * 86_400_000));
    const result = await privacyCli(['purge-expired'], { DATA_DIR: dataDir, RETENTION_DAYS: '30' });
    expect(result.code).toBe(0);
    expect(counts(result.stdout).conversations).toBeGreaterThanOrEqual(1);
    expect(await app.fastify.storage.getConversation(old)).toBeUndefined();
    expect(await app.fastify.storage.getConversation(recent)).toBeDefined();
  });
});
