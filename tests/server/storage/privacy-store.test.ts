/**
 * Deletion on request and the retention sweep on SQLite and PostgreSQL: what goes (every row of the
 * shopper's conversations, and mail addressed to or mentioning the address), what stays (other shoppers;
 * unsent mail in the sweep), dry runs, and two sweeps at once.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EscalationReviewStore } from '../../../server/storage/escalation-review-store.ts';
import { openStorage } from '../../../server/storage/open-storage.ts';
import { PrivacyStore } from '../../../server/storage/privacy-store.ts';
import type { Storage } from '../../../server/storage/repository.ts';
import { UnansweredStore } from '../../../server/storage/unanswered-store.ts';
import { type StorageBackend, storageBackends } from '../../helpers/storage-backends.ts';

const DAY = 86_400_000;

describe.each(storageBackends())('privacy store on $name', (backend: StorageBackend) => {
  let storage: Storage;
  let privacy: PrivacyStore;
  let review: EscalationReviewStore;
  let unanswered: UnansweredStore;

  let dataDir = '';

  beforeAll(async () => {
    const options = await backend.setup();
    dataDir = options.dataDir;
    storage = await openStorage(options);
    const db = () => storage.database();
    privacy = new PrivacyStore(db, storage.dialect);
    review = new EscalationReviewStore(db);
    unanswered = new UnansweredStore(db, storage.dialect);
  });
  afterAll(async () => {
    await storage.close();
    await backend.teardown();
  });

  /**
   * A conversation at `at` with an unanswered exchange (reviewed), a handoff to `email` with its mail in
   * `mailStatus`, and a note: one row in every table the deletion covers.
   */
  async function shopper(email: string, at: Date, mailStatus: 'pending' | 'sent' = 'sent') {
    const conversation = await storage.createConversation({
      id: randomUUID(),
      tokenHash: randomBytes(32).toString('hex'),
      locale: 'ja',
      createdAt: at,
    });
    const { message } = await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: conversation.id,
      clientSeq: 1,
      text: `返信は ${email} にお願いします`,
      createdAt: at,
    });
    await storage.appendBotMessage({
      id: randomUUID(),
      conversationId: conversation.id,
      replyTo: message.id,
      text: 'すみません',
      decision: 'none',
      intent: null,
      score: null,
      payload: null,
      createdAt: at,
    });
    await unanswered.markReviewed({
      messageIds: [message.id],
      status: 'dismissed',
      intent: null,
      userId: null,
      now: at,
    });
    await storage.updateConversation(conversation.id, { email, updatedAt: at });
    const escalationId = randomUUID();
    const mailId = randomUUID();
    await storage.createEscalationWithMail(
      {
        id: escalationId,
        conversationId: conversation.id,
        reason: 'user-requested',
        intent: null,
        score: null,
        email,
        summary: null,
        createdAt: at,
      },
      {
        id: mailId,
        escalationId,
        to: 'support@shop.example',
        replyTo: email,
        subject: 'handoff',
        text: `transcript ${email}`,
        html: `<p>${email}</p>`,
        messageId: `<${mailId}@shop.example>`,
        createdAt: at,
      },
    );
    if (mailStatus === 'sent') await markSent(mailId, at);
    await review.addNote({ escalationId, authorId: null, authorName: 'op', text: 'called back', now: at });
    return { conversationId: conversation.id, escalationId, mailId, messageId: message.id };
  }

  /** The relay's outcome, written directly: claiming would pick whichever mail is due first. */
  async function markSent(mailId: string, at: Date): Promise<void> {
    await storage
      .database()
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: at.toISOString(), first_attempt_at: at.toISOString() })
      .where('id', '=', mailId)
      .execute();
  }

  async function exists(conversationId: string): Promise<boolean> {
    return (await storage.getConversation(conversationId)) !== undefined;
  }

  test('deletes everything of one address, including mail that only mentions it, and nothing else', async () => {
    const now = new Date();
    const hanako = await shopper('Hanako@Example.jp', now);
    const second = await shopper('hanako@example.jp', now, 'pending');
    const other = await shopper('taro@example.jp', now);
    // A staff reply to the shopper that is not tied to an escalation any more.
    const stray = randomUUID();
    await review.queueMail({
      id: stray,
      escalationId: null,
      to: 'hanako@example.jp',
      replyTo: 'support@shop.example',
      subject: 'reply',
      text: 'hello',
      html: '<p>hello</p>',
      messageId: `<${stray}@shop.example>`,
      createdAt: now,
    });

    const dry = await privacy.deleteShopperData({ email: 'HANAKO@example.jp' }, { dryRun: true });
    const expected = {
      conversations: 2,
      messages: 4,
      escalations: 2,
      escalationNotes: 2,
      unansweredReviews: 2,
      outbox: 3,
      outboxUnsent: 2,
      lineUsers: 0,
      lineEvents: 0,
      lineLinks: 0,
    };
    expect(dry).toEqual(expected);
    expect(await exists(hanako.conversationId)).toBe(true);

    expect(await privacy.deleteShopperData({ email: 'hanako@example.jp' })).toEqual(expected);
    expect(await exists(hanako.conversationId)).toBe(false);
    expect(await exists(second.conversationId)).toBe(false);
    const outbox = await storage.listOutbox();
    expect(outbox.map((m) => m.id)).not.toContain(stray);
    expect(outbox.map((m) => m.id)).toContain(other.mailId);
    expect(JSON.stringify(outbox).toLowerCase()).not.toContain('hanako@example.jp');
    expect(await review.listNotes(hanako.escalationId)).toEqual([]);
    expect(await exists(other.conversationId)).toBe(true);
    expect(await storage.listMessages(other.conversationId)).toHaveLength(2);
    // Idempotent: a second request finds nothing.
    expect((await privacy.deleteShopperData({ email: 'hanako@example.jp' })).conversations).toBe(0);
  });

  test('finds an address typed in full-width characters (IME), and a full-width request finds the plain one', async () => {
    const now = new Date();
    const wide = await shopper('ｐｒｉｖａｃｙ＠ｅｘａｍｐｌｅ．ｏｒｇ', now);
    const plain = await shopper('Wide@Example.org', now);
    const counts = await privacy.deleteShopperData({ email: 'privacy@example.org' });
    expect(counts).toMatchObject({ conversations: 1, messages: 2, escalations: 1, outbox: 1 });
    expect(await exists(wide.conversationId)).toBe(false);
    expect(
      (await privacy.deleteShopperData({ email: 'ｗｉｄｅ＠ｅｘａｍｐｌｅ．ｏｒｇ' })).conversations,
    ).toBe(1);
    expect(await exists(plain.conversationId)).toBe(false);
  });

  test.runIf(backend.name === 'sqlite')(
    'leaves no copy of a deleted address or text in the database files (WAL included)',
    async () => {
      const now = new Date();
      for (let i = 0; i < 5; i++) await shopper('secret.shopper@example.net', now);
      expect(await privacy.deleteShopperData({ email: 'secret.shopper@example.net' })).toMatchObject({
        conversations: 5,
      });
      for (const name of await readdir(dataDir)) {
        if (!name.startsWith('shop-bot')) continue;
        const bytes = await readFile(path.join(dataDir, name));
        expect(bytes.includes('secret.shopper@example.net'), name).toBe(false);
        expect(bytes.includes(Buffer.from('返信は secret.shopper')), name).toBe(false);
      }
    },
  );

  test.runIf(backend.name === 'sqlite')(
    'creates the database files readable by their owner only',
    async () => {
      const files = (await readdir(dataDir)).filter((name) => name.startsWith('shop-bot'));
      expect(files.length).toBeGreaterThan(0);
      for (const name of files) {
        expect(((await stat(path.join(dataDir, name))).mode & 0o077).toString(8), name).toBe('0');
      }
      expect((await stat(dataDir)).mode & 0o077).toBe(0);
    },
  );

  test('deletes one conversation by id and leaves the same shopper’s other conversation', async () => {
    const now = new Date();
    const first = await shopper('jiro@example.jp', now);
    const second = await shopper('jiro@example.jp', now);
    const counts = await privacy.deleteShopperData({ conversationId: first.conversationId });
    expect(counts).toMatchObject({
      conversations: 1,
      messages: 2,
      escalations: 1,
      escalationNotes: 1,
      outbox: 1,
    });
    expect(await exists(first.conversationId)).toBe(false);
    expect(await exists(second.conversationId)).toBe(true);
    expect(await storage.getEscalation(first.escalationId)).toBeUndefined();
  });

  test('the sweep deletes expired conversations, keeps recent ones, and holds back unsent mail', async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 400 * DAY);
    const cutoff = new Date(now.getTime() - 365 * DAY);
    const expired = await shopper('old@example.jp', old);
    const waiting = await shopper('waiting@example.jp', old, 'pending');
    const recent = await shopper('recent@example.jp', new Date(now.getTime() - 10 * DAY));
    // Old conversation, but a note was added recently: still active.
    const noted = await shopper('noted@example.jp', old);
    await review.addNote({
      escalationId: noted.escalationId,
      authorId: null,
      authorName: 'op',
      text: 'x',
      now,
    });

    const dry = await privacy.purgeExpired(cutoff, { dryRun: true });
    expect(dry.counts.conversations).toBeGreaterThanOrEqual(1);
    expect(await exists(expired.conversationId)).toBe(true);

    const result = await privacy.purgeExpired(cutoff);
    expect(result.counts).toMatchObject({ conversations: dry.counts.conversations, outboxUnsent: 0 });
    expect(result.heldBack).toBeGreaterThanOrEqual(1);
    expect(await exists(expired.conversationId)).toBe(false);
    expect(await exists(waiting.conversationId)).toBe(true);
    expect((await storage.listOutbox()).find((m) => m.id === waiting.mailId)?.status).toBe('pending');
    expect(await exists(recent.conversationId)).toBe(true);
    expect(await exists(noted.conversationId)).toBe(true);

    // Once the relay has sent it, the next sweep removes the held-back conversation.
    await markSent(waiting.mailId, old);
    expect((await privacy.purgeExpired(cutoff)).counts.conversations).toBe(1);
    expect(await exists(waiting.conversationId)).toBe(false);
  });

  test('two sweeps at once delete each expired conversation once', async () => {
    const old = new Date(Date.now() - 400 * DAY);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await shopper(`many${i}@example.jp`, old)).conversationId);
    const cutoff = new Date(Date.now() - 365 * DAY);
    const expected = (await privacy.purgeExpired(cutoff, { dryRun: true })).counts.conversations;
    expect(expected).toBeGreaterThanOrEqual(5);
    const [a, b] = await Promise.all([privacy.purgeExpired(cutoff), privacy.purgeExpired(cutoff)]);
    expect(a.counts.conversations + b.counts.conversations).toBe(expected);
    for (const id of ids) expect(await exists(id)).toBe(false);
  });
});
