/**
 * SERVER_PROCESSES=2 runs the real server (server/main.ts) as a Node cluster on one port. Chats are
 * spread over both workers; when one worker is killed with SIGKILL its shoppers reconnect with their
 * token and resume their conversation on a worker that is still running, and the primary replaces the
 * dead worker. SIGTERM stops the whole cluster gracefully.
 */
import { type ChildProcess, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterProcess } from '../helpers/cluster-process.ts';
import { ChatClient } from '../helpers/test-app.ts';
import { waitFor } from '../helpers/wait-for.ts';

/** The primary's node worker processes (tsx also runs an esbuild helper process under it). */
function workerPids(primary: number): number[] {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'node';
    } catch {
      return false;
    }
  });
}

/** Opens a chat, asks one question, and returns the client and its token. */
async function chatOnce(url: string, text: string): Promise<{ client: ChatClient; token: string }> {
  const client = await ChatClient.connect(url);
  client.send({ type: 'hello' });
  const welcome = await client.next('welcome');
  client.send({ type: 'message', text, seq: 1 });
  await client.next('ack');
  await client.next('reply');
  return { client, token: String(welcome.token) };
}

describe('cluster of two worker processes', () => {
  let dir: string;
  let url: string;
  let primary: ChildProcess;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-cluster-'));
    ({ url, primary } = await startClusterProcess(dir, {}, 90_000));
  });
  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('resumes the conversations of a killed worker on another worker and replaces the worker', async () => {
    const chats = await Promise.all(Array.from({ length: 6 }, () => chatOnce(url, '送料はいくら')));
    const [victim] = workerPids(primary.pid!);
    process.kill(victim!, 'SIGKILL');
    // Round-robin spread the chats: some were on the killed worker.
    await waitFor(
      () => chats.some((c) => c.client.closeCode !== undefined),
      'a chat of the killed worker to close',
    );
    const dropped = chats.filter((c) => c.client.closeCode !== undefined);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(chats.length);

    for (const chat of dropped) {
      const again = await ChatClient.connect(url);
      again.send({ type: 'hello', token: chat.token });
      const welcome = await again.next('welcome');
      expect(welcome.resumed).toBe(true);
      const history = welcome.messages as { role: string; text: string }[];
      expect(history.map((m) => m.role)).toEqual(['shopper', 'bot']);
      again.send({ type: 'message', text: 'こんにちは', seq: 2 });
      await again.next('ack');
      expect((await again.next('reply')).intent).toBe('greeting');
      again.close();
    }
    for (const chat of chats) chat.client.close();

    await waitFor(
      () => workerPids(primary.pid!).filter((pid) => pid !== victim).length === 2,
      'a replacement worker',
      {
        timeoutMs: 60_000,
        intervalMs: 200,
      },
    );
  });

  it('stops every worker on SIGTERM', async () => {
    const exited = once(primary, 'exit');
    primary.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(workerPids(primary.pid!)).toEqual([]);
  });
});
