/**
 * Crash safety under load. Many shoppers chat at once with the real server in a child process
 * (tests/helpers/app-process.ts); the process is killed with SIGKILL at random moments and restarted on
 * the same database (SQLite in DATA_DIR, or PostgreSQL in a fresh schema). Shoppers behave like the
 * widget: they reconnect, resume with their token and resend every message that got no reply with the
 * same seq; some go through the email handoff. After the last round every shopper finishes, and the
 * database is read directly (SQL, not the repository) to check that:
 * - every message a shopper typed is stored exactly once, with the id of its ack and its text;
 * - every shopper message has exactly one bot reply (none lost, none doubled by a resend);
 * - every handoff the shopper was told about has one escalation and one outbox mail, and nothing else;
 * - SQLite: PRAGMA integrity_check is ok after every kill and at the end.
 * Used by tests/soak/crash-safety.test.ts (fast) and bench/crash-safety.ts (long, `npm run soak:crash`).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import WebSocket from 'ws';
import { SQLITE_FILE_NAME } from '../../server/storage/open-storage.ts';
import { type AppProcess, spawnApp } from '../helpers/app-process-control.ts';
import { pick, seededRandom } from '../helpers/prng.ts';

/** How to run. */
export interface CrashSafetyOptions {
  backend: 'sqlite' | 'postgres';
  /** Kills (each followed by a restart). */
  rounds: number;
  /** Shoppers chatting at the same time; every third one goes through the email handoff. */
  chats: number;
  seed: number;
  /** PostgreSQL to create a fresh schema in (dropped afterwards). */
  databaseUrl?: string;
  /** The server runs for a random time in [minUpMs, maxUpMs] after it listens before each kill. */
  minUpMs?: number;
  maxUpMs?: number;
  /** Progress lines. */
  log?: (line: string) => void;
}

/** What happened and what the database holds afterwards. `problems` is empty when every check held. */
export interface CrashSafetyReport {
  backend: 'sqlite' | 'postgres';
  seed: number;
  rounds: number;
  shoppers: number;
  /** Messages the shoppers typed (each with its own seq). */
  typed: number;
  /** Acks received, resends included. */
  acks: number;
  /** Messages resent after a kill because they had no reply yet. */
  resent: number;
  /** Messages whose first ack was lost in a kill but which were stored anyway (ack `duplicate`). */
  storedBeforeAck: number;
  shopperRows: number;
  botRows: number;
  handoffs: number;
  escalations: number;
  outbox: number;
  /** SQLite integrity checks run (one after each kill, one at the end); 0 for PostgreSQL. */
  integrityChecks: number;
  /** CHAT_ERR_INTERNAL or CHAT_ERR_NOT_READY answers, retried with the same seq. */
  retriedErrors: number;
  problems: string[];
}

type Frame = Record<string, unknown> & { type: string };

const NORMAL_TEXTS = [
  'こんにちは',
  '送料はいくらですか',
  '定期便の周期を変えたい',
  '次回のお届けをスキップしたい',
  'What is the shipping fee?',
  'hello',
  'ポイントは使えますか',
];

/** One WebSocket; `next` rejects when the socket closes, so a kill ends the exchange at once. */
class Connection {
  private readonly frames: Frame[] = [];
  private waiter: { resolve: (f: Frame) => void; reject: (e: Error) => void } | undefined;
  private closed = false;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.flush();
    });
    socket.on('close', () => {
      this.closed = true;
      this.flush();
    });
    socket.on('error', () => {});
  }

  static open(url: string): Promise<Connection> {
    const socket = new WebSocket(`${url.replace('http', 'ws')}/chat`);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.terminate();
        reject(new Error('connect timeout'));
      }, 3000);
      socket.once('open', () => {
        clearTimeout(timer);
        resolve(new Connection(socket));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  private flush(): void {
    if (!this.waiter) return;
    const frame = this.frames.shift();
    if (frame) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve(frame);
    } else if (this.closed) {
      const { reject } = this.waiter;
      this.waiter = undefined;
      reject(new Error('socket closed'));
    }
  }

  next(timeoutMs = 15_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no frame within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
      this.flush();
    });
  }

  send(frame: object): void {
    if (!this.closed) this.socket.send(JSON.stringify(frame));
  }

  close(): void {
    this.socket.terminate();
  }
}

/** Where shoppers connect: the running server's URL, or a wait while it restarts. */
class ServerSlot {
  private url: string | undefined;
  private waiters: ((url: string) => void)[] = [];
  /** Set after the last round: shoppers finish what is unanswered and type nothing new. */
  stopTyping = false;

  set(url: string | undefined): void {
    this.url = url;
    if (url) for (const resolve of this.waiters.splice(0)) resolve(url);
  }

  current(): Promise<string> {
    return this.url ? Promise.resolve(this.url) : new Promise((resolve) => this.waiters.push(resolve));
  }
}

interface Sent {
  seq: number;
  text: string;
  intent?: string;
  /** The id from the first ack; every later ack for this seq must carry the same. */
  messageId?: string;
  replyId?: string;
  replied: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One shopper, like the widget: token and seq counter survive reconnects; unanswered messages are resent. */
class Shopper {
  token: string | undefined;
  conversationId: string | undefined;
  readonly sent: Sent[] = [];
  /** Tickets of handoffs the shopper was told are recorded. */
  readonly tickets = new Set<string>();
  readonly problems: string[] = [];
  acks = 0;
  resent = 0;
  storedBeforeAck = 0;
  retriedErrors = 0;

  constructor(
    readonly index: number,
    private readonly random: () => number,
  ) {}

  /** The message for a seq: handoff shoppers start with the dialogue, then everyone asks questions. */
  private message(seq: number): { text: string; intent?: string } {
    if (this.index % 3 === 0) {
      const script = [
        { text: '人と話したい' },
        { text: `shopper${this.index}@example.jp` },
        { text: 'スキップ', intent: 'handoff.skip' },
      ];
      const step = script[seq - 1];
      if (step) return step;
    }
    return { text: pick(this.random, NORMAL_TEXTS) };
  }

  private fail(problem: string): void {
    this.problems.push(`shopper ${this.index}: ${problem}`);
  }

  async run(slot: ServerSlot): Promise<void> {
    for (;;) {
      if (slot.stopTyping && this.token && this.sent.every((s) => s.replied)) return;
      const url = await slot.current();
      let connection: Connection;
      try {
        connection = await Connection.open(url);
      } catch {
        await sleep(20);
        continue;
      }
      try {
        await this.session(connection, slot);
      } catch {
        // The server died mid-exchange: reconnect and resume.
      } finally {
        connection.close();
      }
    }
  }

  private async session(connection: Connection, slot: ServerSlot): Promise<void> {
    connection.send(this.token ? { type: 'hello', token: this.token } : { type: 'hello' });
    const welcome = await connection.next();
    if (welcome.type !== 'welcome') {
      this.fail(`hello answered with ${JSON.stringify(welcome)}`);
      await sleep(200);
      return;
    }
    if (!this.token) {
      this.token = String(welcome.token);
      this.conversationId = String(welcome.conversationId);
    } else if (welcome.conversationId !== this.conversationId || welcome.resumed !== true) {
      this.fail(`resumed ${String(welcome.conversationId)} instead of ${this.conversationId}`);
    }
    for (const sent of this.sent.filter((s) => !s.replied)) {
      this.resent++;
      await this.exchange(connection, sent);
    }
    while (!slot.stopTyping) {
      const sent: Sent = { seq: this.sent.length + 1, ...this.message(this.sent.length + 1), replied: false };
      this.sent.push(sent);
      await this.exchange(connection, sent);
      await sleep(Math.floor(this.random() * 20));
    }
  }

  /** Sends one message and reads until its reply; throws when the socket dies first. */
  private async exchange(connection: Connection, sent: Sent): Promise<void> {
    const frame = {
      type: 'message',
      text: sent.text,
      seq: sent.seq,
      ...(sent.intent ? { intent: sent.intent } : {}),
    };
    connection.send(frame);
    for (;;) {
      const answer = await connection.next();
      if (answer.type === 'ack' && answer.seq === sent.seq) {
        this.acks++;
        const id = String(answer.messageId);
        if (sent.messageId === undefined) {
          sent.messageId = id;
          if (answer.duplicate === true) this.storedBeforeAck++;
        } else if (sent.messageId !== id) {
          this.fail(`seq ${sent.seq} acked as ${sent.messageId} and later as ${id}`);
        }
      } else if (answer.type === 'reply' && answer.replyTo === sent.seq) {
        if (sent.replyId !== undefined && sent.replyId !== answer.messageId) {
          this.fail(`seq ${sent.seq} answered by two bot messages`);
        }
        sent.replyId = String(answer.messageId);
        sent.replied = true;
        const handoff = answer.handoff as { step?: string; ticket?: string } | undefined;
        if (answer.decision === 'handoff' && handoff?.ticket) this.tickets.add(handoff.ticket);
        return;
      } else if (answer.type === 'error') {
        if (answer.code !== 'CHAT_ERR_INTERNAL' && answer.code !== 'CHAT_ERR_NOT_READY') {
          this.fail(`seq ${sent.seq} refused with ${String(answer.code)}`);
          sent.replied = true;
          return;
        }
        // The protocol's advice: retry with the same seq.
        this.retriedErrors++;
        await sleep(100);
        connection.send(frame);
      }
    }
  }
}

/** Rows read back with SQL, the same for both backends. */
interface Rows {
  messages: {
    id: string;
    conversation_id: string;
    role: string;
    client_seq: number | null;
    reply_to: string | null;
    text: string;
  }[];
  escalations: { id: string; conversation_id: string }[];
  outbox: { id: string; escalation_id: string | null }[];
}

const QUERIES = {
  messages: 'SELECT id, conversation_id, role, client_seq, reply_to, text FROM messages',
  escalations: 'SELECT id, conversation_id FROM escalations',
  outbox: 'SELECT id, escalation_id FROM outbox',
} as const;

function readSqlite(dataDir: string): Rows {
  const db = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME), { readonly: true });
  try {
    return {
      messages: db.prepare(QUERIES.messages).all() as Rows['messages'],
      escalations: db.prepare(QUERIES.escalations).all() as Rows['escalations'],
      outbox: db.prepare(QUERIES.outbox).all() as Rows['outbox'],
    };
  } finally {
    db.close();
  }
}

/** PRAGMA integrity_check on the file as a crash left it (opening it replays the WAL, as a restart does). */
function sqliteIntegrity(dataDir: string): string {
  const db = new SqliteDatabase(path.join(dataDir, SQLITE_FILE_NAME));
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

async function readPostgres(url: string): Promise<Rows> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return {
      messages: (await client.query(QUERIES.messages)).rows,
      escalations: (await client.query(QUERIES.escalations)).rows,
      outbox: (await client.query(QUERIES.outbox)).rows,
    };
  } finally {
    await client.end();
  }
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The checks that hold after every round has finished; each failure is one sentence. */
function verify(shoppers: Shopper[], rows: Rows): string[] {
  const problems: string[] = [];
  const byConversation = new Map<string, Rows['messages']>();
  for (const m of rows.messages) {
    const list = byConversation.get(m.conversation_id) ?? [];
    list.push(m);
    byConversation.set(m.conversation_id, list);
  }
  const repliesTo = new Map<string, number>();
  for (const m of rows.messages) {
    if (m.role === 'bot' && m.reply_to) repliesTo.set(m.reply_to, (repliesTo.get(m.reply_to) ?? 0) + 1);
  }
  for (const shopper of shoppers) {
    const who = `shopper ${shopper.index}`;
    if (!shopper.conversationId) {
      problems.push(`${who} never got a conversation`);
      continue;
    }
    const stored = (byConversation.get(shopper.conversationId) ?? []).filter((m) => m.role === 'shopper');
    for (const sent of shopper.sent) {
      const rowsForSeq = stored.filter((m) => Number(m.client_seq) === sent.seq);
      if (rowsForSeq.length !== 1) {
        problems.push(`${who} seq ${sent.seq} is stored ${rowsForSeq.length} times`);
        continue;
      }
      const row = rowsForSeq[0]!;
      if (sent.messageId !== row.id)
        problems.push(`${who} seq ${sent.seq} was acked as ${sent.messageId}, stored as ${row.id}`);
      if (row.text !== sent.text) problems.push(`${who} seq ${sent.seq} is stored with another text`);
      const replies = repliesTo.get(row.id) ?? 0;
      if (replies !== 1) problems.push(`${who} seq ${sent.seq} has ${replies} bot replies`);
      if (!sent.replied) problems.push(`${who} seq ${sent.seq} never got a reply`);
    }
    if (stored.length !== shopper.sent.length) {
      problems.push(`${who} typed ${shopper.sent.length} messages, ${stored.length} are stored`);
    }
    const escalations = rows.escalations.filter((e) => e.conversation_id === shopper.conversationId);
    if (escalations.length !== shopper.tickets.size) {
      problems.push(
        `${who} was told of ${shopper.tickets.size} handoffs, ${escalations.length} escalations are stored`,
      );
    }
    for (const escalation of escalations) {
      const mails = rows.outbox.filter((o) => o.escalation_id === escalation.id).length;
      if (mails !== 1) problems.push(`${who} escalation ${escalation.id} has ${mails} outbox mails`);
    }
  }
  return problems;
}

/** Runs the soak and returns its report (it does not throw for failed checks: see `problems`). */
export async function runCrashSafety(options: CrashSafetyOptions): Promise<CrashSafetyReport> {
  const log = options.log ?? (() => {});
  const random = seededRandom(options.seed);
  const minUp = options.minUpMs ?? 150;
  const maxUp = options.maxUpMs ?? 1500;
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-crash-'));
  const schema = `crash_${randomBytes(6).toString('hex')}`;
  const baseUrl = options.databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/test';
  // The schema reaches the child through the URL: libpq's `options` sets its search_path.
  const databaseUrl = `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  if (options.backend === 'postgres') await adminQuery(baseUrl, `CREATE SCHEMA ${schema}`);
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Crash safety is about the database, not the abuse limits: every shopper is on 127.0.0.1.
    CHAT_RATE_PER_MINUTE: '100000',
    CHAT_RATE_BURST: '100000',
    CHAT_MAX_CONNECTIONS_PER_IP: '100000',
    // A Tuesday afternoon in Japan: the shop is open, so handoff replies do not depend on the clock.
    TEST_NOW: '2026-11-24T06:00:00.000Z',
    ...(options.backend === 'postgres' ? { DATABASE_URL: databaseUrl } : {}),
  };
  const problems: string[] = [];
  let integrityChecks = 0;
  const checkIntegrity = (when: string) => {
    if (options.backend !== 'sqlite') return;
    const result = sqliteIntegrity(dataDir);
    integrityChecks++;
    if (result !== 'ok') problems.push(`integrity_check ${when}: ${result}`);
  };

  const slot = new ServerSlot();
  const shoppers = Array.from(
    { length: options.chats },
    (_, i) => new Shopper(i, seededRandom(options.seed + i + 1)),
  );
  let app: AppProcess | undefined;
  try {
    app = await spawnApp(env);
    slot.set(app.url);
    const running = shoppers.map((s) => s.run(slot));
    for (let round = 1; round <= options.rounds; round++) {
      const upMs = Math.round(minUp + random() * (maxUp - minUp));
      await sleep(upMs);
      slot.set(undefined);
      await app.kill();
      checkIntegrity(`after kill ${round}`);
      const typed = shoppers.reduce((n, s) => n + s.sent.length, 0);
      const unanswered = shoppers.reduce((n, s) => n + s.sent.filter((m) => !m.replied).length, 0);
      log(
        `round ${round}/${options.rounds}: killed after ${upMs} ms; ${typed} typed so far, ${unanswered} unanswered at the kill`,
      );
      app = await spawnApp(env);
      slot.set(app.url);
    }
    // Let the reconnected shoppers resend, then type nothing new and wait for every reply.
    await sleep(300);
    slot.stopTyping = true;
    await Promise.race([
      Promise.all(running),
      sleep(60_000).then(() => problems.push('shoppers did not finish within 60 s after the last round')),
    ]);
  } finally {
    await app?.kill();
  }
  checkIntegrity('at the end');
  const rows = options.backend === 'sqlite' ? readSqlite(dataDir) : await readPostgres(databaseUrl);
  problems.push(...shoppers.flatMap((s) => s.problems), ...verify(shoppers, rows));
  if (options.backend === 'postgres') await adminQuery(baseUrl, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await fs.rm(dataDir, { recursive: true, force: true });
  const sum = (f: (s: Shopper) => number) => shoppers.reduce((n, s) => n + f(s), 0);
  return {
    backend: options.backend,
    seed: options.seed,
    rounds: options.rounds,
    shoppers: shoppers.length,
    typed: sum((s) => s.sent.length),
    acks: sum((s) => s.acks),
    resent: sum((s) => s.resent),
    storedBeforeAck: sum((s) => s.storedBeforeAck),
    shopperRows: rows.messages.filter((m) => m.role === 'shopper').length,
    botRows: rows.messages.filter((m) => m.role === 'bot').length,
    handoffs: sum((s) => s.tickets.size),
    escalations: rows.escalations.length,
    outbox: rows.outbox.length,
    integrityChecks,
    retriedErrors: sum((s) => s.retriedErrors),
    problems,
  };
}

/** The report as a few lines for a terminal. */
export function formatCrashSafetyReport(report: CrashSafetyReport): string {
  return [
    `crash safety on ${report.backend} (seed ${report.seed}): ${report.rounds} kill -9 rounds, ${report.shoppers} concurrent shoppers`,
    `  typed ${report.typed}, acks ${report.acks}, resent after a kill ${report.resent} (of which already stored before their ack ${report.storedBeforeAck}), retried errors ${report.retriedErrors}`,
    `  stored: ${report.shopperRows} shopper messages, ${report.botRows} bot replies; handoffs told ${report.handoffs}, escalations ${report.escalations}, outbox mails ${report.outbox}`,
    `  integrity checks: ${report.backend === 'sqlite' ? `${report.integrityChecks} ok unless listed below` : 'n/a (PostgreSQL)'}`,
    report.problems.length === 0
      ? '  every check held'
      : `  PROBLEMS (${report.problems.length}):\n    ${report.problems.slice(0, 50).join('\n    ')}`,
  ].join('\n');
}
