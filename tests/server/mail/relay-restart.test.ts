/**
 * The promise of the outbox across crashes: the app process is killed with SIGKILL in the middle of an
 * SMTP outage — with one mail in flight — and a new process on the same database delivers every
 * handoff, each exactly once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { openStorage } from '../../../server/storage/open-storage.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { type AppProcess, spawnApp } from '../../helpers/app-process-control.ts';
import { completeHandoff } from '../../helpers/handoff.ts';
import { TestSmtpServer } from '../../helpers/smtp-test-server.ts';
import { ChatClient } from '../../helpers/test-app.ts';
import { waitFor } from '../../helpers/wait-for.ts';

describe('mail relay across a crash', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  test('after kill -9 mid-outage and a restart on the same database, every handoff arrives once', async () => {
    const smtp = await TestSmtpServer.start();
    cleanup.push(() => smtp.stop());
    const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-restart-'));
    cleanup.push(() => fs.rm(dataDir, { recursive: true, force: true }));
    const env = {
      DATA_DIR: dataDir,
      SMTP_URL: smtp.url,
      MAIL_POLL_SECONDS: '0.05',
      MAIL_RETRY_BASE_SECONDS: '0.05',
      MAIL_RETRY_MAX_SECONDS: '0.2',
      MAIL_SEND_TIMEOUT_SECONDS: '3',
      MAIL_LEASE_SECONDS: '4',
      // Tuesday evening in Japan.
      TEST_NOW: '2026-11-24T11:00:00.000Z',
    };
    const processes: AppProcess[] = [];
    cleanup.push(async () => {
      for (const p of processes) await p.kill();
    });

    smtp.mode = 'reject-421';
    const first = await spawnApp(env);
    processes.push(first);
    const emails = ['a@example.jp', 'b@example.jp', 'c@example.jp'];
    for (const email of emails) {
      const client = await ChatClient.connect(first.url);
      const { done } = await completeHandoff(client, { seq: 1, email });
      expect(done.decision).toBe('handoff');
      client.close();
    }
    await smtp.until(() => smtp.rejections >= 3, 'delivery attempts during the outage');
    // One mail in flight: the server takes it and never answers. Then the process dies.
    smtp.mode = 'hang';
    await smtp.until(() => smtp.hung >= 1, 'a mail in flight');
    await first.kill();

    const storage: Storage = await openStorage({ dataDir });
    cleanup.push(() => storage.close());
    const afterCrash = await storage.listOutbox();
    expect(afterCrash.map((m) => m.status).sort()).toEqual(['pending', 'pending', 'sending']);
    expect(smtp.received).toEqual([]);

    smtp.mode = 'accept';
    processes.push(await spawnApp(env));
    await smtp.until(() => smtp.received.length >= 3, 'every mail after the restart');
    await waitFor(
      async () => (await storage.listOutbox()).every((m) => m.status === 'sent'),
      'all marked sent',
    );
    const escalations = await storage.listEscalations();
    expect(smtp.received.map((m) => m.headers['message-id']).sort()).toEqual(
      escalations.map((e) => `<${e.id}@shop.example>`).sort(),
    );
    expect(smtp.received.map((m) => m.headers['reply-to']).sort()).toEqual(emails);
    // The mail that was in flight was retried after its lease, as a second attempt or later.
    const retried = (await storage.listOutbox()).find(
      (m) => m.id === afterCrash.find((r) => r.status === 'sending')!.id,
    );
    expect(retried!.attempts).toBeGreaterThanOrEqual(2);
  });
});
