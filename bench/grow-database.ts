/**
 * Grows a fresh data directory's SQLite database to a given size with realistic chat history (bench:backup):
 * migrated by the server's own code, then conversations of five exchanges each (Japanese questions and
 * answers of a few hundred bytes, the last 30 days) inserted through the server's column tables in large
 * transactions, until the file reaches the size asked for. Far faster than chatting it full (about a
 * minute per GiB instead of a quarter of an hour), and the rows are the ones the chat writes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { conversationTable, newConversation } from '../server/storage/conversation-table.ts';
import { messageTable, newBotMessage, newShopperMessage } from '../server/storage/message-table.ts';
import { openSqliteDatabase, openStorage, SQLITE_FILE_NAME } from '../server/storage/open-storage.ts';
import { sqliteInsert } from '../server/storage/row-sql.ts';

/** Conversations per transaction. */
const BATCH = 2000;
const EXCHANGES_PER_CONVERSATION = 5;
const DAY_MS = 24 * 3600 * 1000;

const QUESTIONS = [
  '定期便の次回お届け日を変更したいのですが、マイページのどこから手続きできますか。',
  '先月から定期コースを利用しています。お届け周期を30日から45日に変えることはできますか。',
  '商品が届いたのですが、箱が潰れていて中身が少しこぼれていました。交換をお願いできますか。',
];
const ANSWER =
  '定期便のお届け日は、マイページの「定期便の管理」からご変更いただけます。次回お届け予定日の7日前までにお手続きください。' +
  'ご不明な点がございましたら、お気軽にお問い合わせください。';

/** What was written. */
export interface GrownDatabase {
  bytes: number;
  conversations: number;
  messages: number;
}

/** Grows the database of `dataDir` to at least `sizeMiB` MiB; `log` gets a line per 10 %. */
export async function growDatabase(
  dataDir: string,
  sizeMiB: number,
  log: (line: string) => void,
): Promise<GrownDatabase> {
  await (await openStorage({ dataDir, sqliteSynchronous: 'normal' })).close();
  const file = path.join(dataDir, SQLITE_FILE_NAME);
  const target = sizeMiB * 1024 * 1024;
  const db = openSqliteDatabase(dataDir, 'normal');
  const insertConversation = db.prepare(sqliteInsert(conversationTable));
  const insertMessage = db.prepare(sqliteInsert(messageTable));
  // The database's own size (pages in use), not the files': the WAL holds pages several times over.
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const size = () => (db.pragma('page_count', { simple: true }) as number) * pageSize;
  let conversations = 0;
  let messages = 0;
  let reported = 0;
  const now = Date.now();
  const batch = db.transaction(() => {
    for (let i = 0; i < BATCH; i += 1) {
      const createdAt = new Date(now - Math.floor(Math.random() * 30 * DAY_MS));
      const conversation = newConversation({
        id: randomUUID(),
        tokenHash: randomBytes(32).toString('hex'),
        locale: 'ja',
        createdAt,
      });
      insertConversation.run(conversationTable.toRow(conversation));
      for (let seq = 1; seq <= EXCHANGES_PER_CONVERSATION * 2; seq += 2) {
        const shopper = {
          ...newShopperMessage({
            id: randomUUID(),
            conversationId: conversation.id,
            clientSeq: seq,
            text: `${QUESTIONS[(conversations + seq) % QUESTIONS.length]} (${conversations}-${seq})`,
            createdAt,
          }),
          seq,
        };
        const reply = {
          ...newBotMessage({
            id: randomUUID(),
            conversationId: conversation.id,
            replyTo: shopper.id,
            text: ANSWER,
            decision: 'answer',
            intent: 'subscription.change_date',
            score: 0.91,
            payload: { quickReplies: [], reason: null, locale: 'ja' },
            createdAt,
          }),
          seq: seq + 1,
        };
        insertMessage.run(messageTable.toRow(shopper));
        insertMessage.run(messageTable.toRow(reply));
        messages += 2;
      }
      conversations += 1;
    }
  });
  try {
    while (size() < target) {
      batch();
      const percent = Math.min(100, Math.floor((size() / target) * 100));
      if (percent >= reported + 10) {
        reported = percent - (percent % 10);
        log(`growing the database: ${reported} % (${conversations} conversations)`);
      }
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return { bytes: fs.statSync(file).size, conversations, messages };
}
