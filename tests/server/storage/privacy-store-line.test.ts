/**
 * Deletion by LINE user id (docs/privacy.md) on SQLite and PostgreSQL: every conversation the LINE user
 * ever had (also one left behind by an unlink), with its messages, and their LINE rows — the user with
 * the customer id they linked, their inbox events, their account-link attempts — go in one transaction;
 * another LINE user's rows stay; a dry run counts the same and deletes nothing.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { LineInboxStore } from '../../../server/channels/line/line-inbox-store.ts';
import { LineLinkStore } from '../../../server/channels/line/line-link-store.ts';
import { LineUserStore } from '../../../server/channels/line/line-user-store.ts';
import { PrivacyStore } from '../../../server/storage/privacy-store.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../helpers/storage-backends.ts';

const AT = new Date('2026-12-01T00:00:00Z');
const GONE = 'U0000000000000000000000000000aaa1';
const STAYS = 'U0000000000000000000000000000bbb2';

describe.each(storageBackends())('deletion by LINE user id on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let privacy: PrivacyStore;
  let users: LineUserStore;

  beforeAll(async () => {
    const db = () => storage.database();
    privacy = new PrivacyStore(db, storage.dialect);
    users = new LineUserStore(db);
    const inbox = new LineInboxStore(db, storage.dialect);
    const links = new LineLinkStore(db);
    for (const user of [GONE, STAYS]) {
      await inbox.storeEvents(
        [1, 2].map((n) => ({
          webhookEventId: `${user}-${n}`,
          lineUserId: user,
          type: 'message',
          event: { type: 'message', message: { type: 'text', text: `私の住所は東京都 ${n}` } },
          replyToken: null,
          eventAt: AT,
        })),
        AT,
      );
      await links.issued(`link-token-${user}`, user, AT);
    }
    // GONE: a conversation bound to their customer, left behind by an unlink, then a fresh one.
    const old = await conversation(GONE, 'cust-9');
    await users.link(GONE, { customerId: 'cust-9', email: 'line@example.jp' }, AT);
    await users.unlink(GONE, AT);
    await users.bindConversation(GONE, (await conversation(GONE, null)).id, AT);
    expect((await users.find(GONE))?.conversationId).not.toBe(old.id);
    await conversation(STAYS, null);
  });

  /** A LINE conversation of `user` with one message, bound to the user. */
  async function conversation(user: string, customerId: string | null) {
    const created = await storage.createConversation({
      id: randomUUID(),
      tokenHash: randomUUID(),
      locale: 'ja',
      channel: 'line',
      customerId,
      createdAt: AT,
    });
    await storage.appendShopperMessage({
      id: randomUUID(),
      conversationId: created.id,
      clientSeq: 1,
      text: '次のお届けはいつ？',
      createdAt: AT,
    });
    await users.bindConversation(user, created.id, AT);
    return created;
  }

  async function rows(
    table: 'line_users' | 'line_inbox' | 'line_account_links' | 'line_user_conversations',
    user: string,
  ) {
    const row = await storage
      .database()
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('line_user_id', '=', user)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  test('a dry run counts every conversation and LINE row of the user, and deletes nothing', async () => {
    const counts = await privacy.deleteShopperData({ lineUserId: GONE }, { dryRun: true });
    expect(counts).toMatchObject({
      conversations: 2,
      messages: 2,
      lineUsers: 1,
      lineEvents: 2,
      lineLinks: 1,
    });
    expect(await rows('line_users', GONE)).toBe(1);
    expect(await rows('line_user_conversations', GONE)).toBe(2);
  });

  test('the deletion removes them all in one go; another LINE user keeps everything', async () => {
    const conversations = await storage
      .database()
      .selectFrom('line_user_conversations')
      .select('conversation_id')
      .where('line_user_id', '=', GONE)
      .execute();
    const counts = await privacy.deleteShopperData({ lineUserId: GONE });
    expect(counts).toMatchObject({
      conversations: 2,
      messages: 2,
      lineUsers: 1,
      lineEvents: 2,
      lineLinks: 1,
    });
    for (const table of [
      'line_users',
      'line_inbox',
      'line_account_links',
      'line_user_conversations',
    ] as const) {
      expect(await rows(table, GONE)).toBe(0);
      expect(await rows(table, STAYS)).toBeGreaterThan(0);
    }
    for (const { conversation_id } of conversations) {
      expect(await storage.getConversation(conversation_id)).toBeUndefined();
    }
    expect(await users.find(STAYS)).toMatchObject({ following: true });
  });

  test('deleting an unknown LINE user deletes nothing', async () => {
    const counts = await privacy.deleteShopperData({ lineUserId: 'U0000000000000000000000000000ccc3' });
    expect(Object.values(counts).every((n) => n === 0)).toBe(true);
  });
});
