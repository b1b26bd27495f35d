/**
 * The real server as a cluster of two worker processes on SQLite (SERVER_PROCESSES=2): operator replies
 * sent over fresh connections, which the primary deals round-robin to both workers, each reach the
 * shopper's socket at once, whichever worker holds it (the primary relays the news over IPC).
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterProcess } from '../../helpers/cluster-process.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { ChatClient } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

const ADMIN = { email: 'admin@shop.test', password: 'correct horse battery staple 20' };

/** One JSON request on a connection of its own (no keep-alive: the primary deals each to a worker). */
function request(
  url: string,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; cookie: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? '' : JSON.stringify(body);
    const json =
      body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(data)) };
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: { ...json, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>,
            cookie: String(res.headers['set-cookie'] ?? '').split(';')[0] ?? '',
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('staff replies in a cluster of two worker processes', () => {
  let dir: string;
  let url: string;
  let primary: ChildProcess;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-cluster-news-'));
    ({ url, primary } = await startClusterProcess(
      dir,
      { CONSOLE_ADMIN_EMAIL: ADMIN.email, CONSOLE_ADMIN_PASSWORD: ADMIN.password },
      90_000,
    ));
  }, 120_000);
  afterAll(async () => {
    if (primary.exitCode === null) primary.kill('SIGKILL');
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('every reply reaches the open chat at once, from either worker', async () => {
    const chat = await ChatClient.connect(url);
    chat.send({ type: 'hello' });
    const welcome = await chat.next('welcome');
    await completeHandoff(chat, { seq: 1, email: 'hanako@example.jp' });
    const login = await request(`${url}/api/console/login`, 'POST', ADMIN);
    expect(login.status).toBe(200);
    const auth = { cookie: login.cookie, 'x-csrf-token': String(login.body.csrfToken) };
    const escalation = await waitFor(async () => {
      const listed = await request(`${url}/api/console/escalations`, 'GET', undefined, auth);
      return (listed.body.escalations as { id: string; conversationId: string }[] | undefined)?.find(
        (e) => e.conversationId === welcome.conversationId,
      );
    }, 'the escalation');
    // One at a time, each awaited: a reply handled by the other worker must arrive on its own (a later
    // reply on the socket's worker would otherwise bring the earlier ones along).
    for (let i = 1; i <= 4; i += 1) {
      const reply = await request(
        `${url}/api/console/escalations/${escalation.id}/reply`,
        'POST',
        { text: `返信 ${i}` },
        auth,
      );
      expect(reply.status).toBe(202);
      const live = await chat.next('staff-reply', 3000);
      expect((live.message as { id: string }).id).toBe((reply.body.message as { id: string }).id);
    }
    chat.close();
  }, 60_000);
});
