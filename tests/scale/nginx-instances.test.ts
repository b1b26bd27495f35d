/**
 * Scale-out, end to end: three server processes on one PostgreSQL schema behind nginx (Debian's package,
 * installed by .ci/run) with WebSocket upgrades passed through. Chats and handoffs go through nginx; one
 * instance is killed with SIGKILL while messages are in flight; its shoppers reconnect through nginx,
 * resume on another instance and resend what was not acknowledged. Then: every acknowledged message is
 * stored exactly once, every escalation is mailed exactly once (a real SMTP server on loopback), and a
 * model published through one instance's console answers on every instance still running.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, openSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeHandoff } from '../helpers/handoff.ts';
import { freePort, type ServerProcess, startServerProcess } from '../helpers/server-process.ts';
import { writeSmallCorpus } from '../helpers/small-corpus-files.ts';
import { TestSmtpServer } from '../helpers/smtp-test-server.ts';
import { pgAdmin, TEST_PG_URL } from '../helpers/storage-backends.ts';
import { ChatClient } from '../helpers/test-app.ts';
import { waitFor } from '../helpers/wait-for.ts';

const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const ADMIN = { email: 'owner@shop.test', password: 'a long first password' };

/** nginx in front of the instances: round robin, WebSocket upgrade, long read timeout for idle chats. */
function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  return `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/nginx-error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream shop_bot {
${upstreams.map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n')}
  }
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://shop_bot;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 1h;
      proxy_send_timeout 1h;
    }
  }
}
`;
}

/** One shopper: the socket, the token, and every seq the server acknowledged. */
interface Shopper {
  client: ChatClient;
  token: string;
  conversationId: string;
  nextSeq: number;
  acked: Set<number>;
}

async function openShopper(url: string): Promise<Shopper> {
  const client = await ChatClient.connect(url);
  client.send({ type: 'hello' });
  const welcome = await client.next('welcome');
  return {
    client,
    token: String(welcome.token),
    conversationId: String(welcome.conversationId),
    nextSeq: 1,
    acked: new Set(),
  };
}

/** Sends one message and waits for its ack and reply. */
async function say(shopper: Shopper, text: string): Promise<string> {
  const seq = shopper.nextSeq++;
  shopper.client.send({ type: 'message', text, seq });
  const ack = await shopper.client.next('ack');
  shopper.acked.add(Number(ack.seq ?? seq));
  return String((await shopper.client.next('reply')).markdown);
}

/** Signs in to one instance's console API and returns a caller with cookie and CSRF token. */
async function consoleOn(url: string) {
  const login = await fetch(`${url}/api/console/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(200);
  const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: string, route: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${url}/api/console${route}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return response.status === 204 ? null : response.json();
  };
}

describe('three instances behind nginx on PostgreSQL', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let dir: string;
  let smtp: TestSmtpServer;
  const instances: ServerProcess[] = [];
  let nginx: ChildProcess | undefined;
  let url: string;

  beforeAll(async () => {
    if (!existsSync(NGINX)) throw new Error(`${NGINX} not found: apt-get install -y nginx (.ci/run does)`);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-nginx-'));
    await writeSmallCorpus(path.join(dir, 'corpus'));
    await pgAdmin(`CREATE SCHEMA ${schema}`);
    smtp = await TestSmtpServer.start();
    const env = {
      DATABASE_URL: databaseUrl,
      CORPUS_DIR: path.join(dir, 'corpus'),
      SMTP_URL: smtp.url,
      MAIL_POLL_SECONDS: '1',
      // A mail claimed by the instance that gets killed is retried once its lease ends.
      MAIL_LEASE_SECONDS: '4',
      MAIL_SEND_TIMEOUT_SECONDS: '2',
      MODEL_POLL_SECONDS: '30',
      CONSOLE_CV_FOLDS: '0',
      CONSOLE_ADMIN_EMAIL: ADMIN.email,
      CONSOLE_ADMIN_PASSWORD: ADMIN.password,
      TRUST_PROXY: '127.0.0.1',
    };
    // The first instance migrates, seeds and trains; the others find the published model.
    const start = (i: number) =>
      startServerProcess(
        { ...env, DATA_DIR: path.join(dir, `data-${i}`) },
        { logFile: path.join(dir, `server-${i}.log`) },
      );
    instances.push(await start(0));
    instances.push(...(await Promise.all([start(1), start(2)])));

    const port = await freePort();
    const config = path.join(dir, 'nginx.conf');
    await fs.writeFile(
      config,
      nginxConfig(
        dir,
        port,
        instances.map((i) => i.port),
      ),
    );
    nginx = spawn(NGINX, ['-c', config, '-p', dir], {
      stdio: ['ignore', 'ignore', openSync(path.join(dir, 'nginx-stderr.log'), 'a')],
    });
    url = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok, 'nginx', {
      timeoutMs: 10_000,
    });
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = once(nginx, 'exit');
      nginx.kill('SIGTERM');
      await exited;
    }
    await Promise.all(instances.map((i) => i.stop('SIGKILL')));
    await smtp?.stop();
    await pgAdmin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    if (dir) await fs.rm(dir, { recursive: true, force: true });
  });

  it('loses nothing when an instance dies, mails each escalation once, and publishes to every instance', async () => {
    const shoppers = await Promise.all(Array.from({ length: 12 }, () => openShopper(url)));
    for (const shopper of shoppers) expect(await say(shopper, '送料はいくら')).toContain('送料');
    const handoffs = shoppers.slice(0, 3);
    for (const [i, shopper] of handoffs.entries()) {
      const { done } = await completeHandoff(shopper.client, {
        seq: shopper.nextSeq,
        email: `shopper${i}@example.jp`,
      });
      expect(done.decision).toBe('handoff');
      for (let k = 0; k < 3; k += 1) shopper.acked.add(shopper.nextSeq++);
    }

    // Messages in flight on every socket, then an instance dies.
    const inFlight = shoppers.map((shopper) => {
      const seq = shopper.nextSeq++;
      shopper.client.send({ type: 'message', text: 'こんにちは', seq });
      return seq;
    });
    const victim = instances[1]!;
    await victim.stop('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const dropped = shoppers.filter((s) => s.client.closeCode !== undefined);
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.length).toBeLessThan(shoppers.length);

    for (const [i, shopper] of shoppers.entries()) {
      if (shopper.client.closeCode === undefined) {
        await shopper.client.next('ack');
        shopper.acked.add(inFlight[i]!);
        await shopper.client.next('reply');
        continue;
      }
      // The widget's way back: reconnect (nginx picks a live instance), resume, resend the same seq.
      const client = await ChatClient.connect(url);
      client.send({ type: 'hello', token: shopper.token });
      const welcome = await client.next('welcome');
      expect(welcome).toMatchObject({ resumed: true, conversationId: shopper.conversationId });
      client.send({ type: 'message', text: 'こんにちは', seq: inFlight[i] });
      await client.next('ack');
      shopper.acked.add(inFlight[i]!);
      expect((await client.next('reply')).intent).toBe('greeting');
      shopper.client = client;
    }
    for (const shopper of shoppers) expect(await say(shopper, '送料はいくら')).toContain('送料');

    // Every acknowledged message is stored exactly once.
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      for (const shopper of shoppers) {
        const rows = await db.query<{ client_seq: number; n: number }>(
          `select client_seq, count(*)::int as n from messages
            where conversation_id = $1 and role = 'shopper' group by client_seq order by client_seq`,
          [shopper.conversationId],
        );
        expect(rows.rows.map((r) => r.client_seq)).toEqual([...shopper.acked].sort((a, b) => a - b));
        expect(rows.rows.every((r) => r.n === 1)).toBe(true);
      }
      const escalations = await db.query<{ n: number }>('select count(*)::int as n from escalations');
      expect(escalations.rows[0]?.n).toBe(3);
    } finally {
      await db.end();
    }

    // Every escalation is mailed exactly once (the relays on all instances share the outbox).
    await waitFor(() => smtp.received.length >= 3, 'three handoff mails', { timeoutMs: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const messageIds = smtp.received.map((m) => m.headers['message-id']);
    expect(messageIds).toHaveLength(3);
    expect(new Set(messageIds).size).toBe(3);

    // A model published through one instance answers on every instance still running.
    const [first, , third] = instances;
    const call = await consoleOn(first!.url);
    const stored = await call('GET', '/intents/ja/shipping.fee');
    const intent = { ...stored.intent, answer: '送料は全国一律です（スケールアウト）。' };
    await call('PUT', '/intents/ja/shipping.fee', { domain: stored.domain, intent });
    const version = await call('POST', '/models/train');
    await waitFor(
      async () => (await call('GET', `/models/${version.id}`)).version.status === 'ready',
      'training',
    );
    expect((await call('POST', `/models/${version.id}/publish`, {})).liveVersionId).toBe(version.id);
    for (const instance of [first!, third!]) {
      await waitFor(
        async () => {
          const shopper = await openShopper(instance.url);
          const answer = await say(shopper, '送料はいくら');
          shopper.client.close();
          return answer.includes('スケールアウト');
        },
        `the new answer on ${instance.url}`,
        { timeoutMs: 10_000, intervalMs: 250 },
      );
    }
    for (const shopper of shoppers) shopper.client.close();
  });
});
