/**
 * npx tsx bench/pg-exchanges.ts [--conversations 5000] [--exchanges 6000] [--batches 1,2,8] [--json]
 *
 * What PostgreSQL itself pays to store the chat's message exchanges (postgres-message-sql.ts
 * exchangesSql, the statement the server runs for each event-loop turn's exchanges), apart from the chat
 * and the load generator, whose CPU makes the load benchmark's PostgreSQL figures move from run to run.
 * Per exchange, for statements of 1, 2 and 8 exchanges: the CPU of the backend that ran them (read
 * from /proc, so PostgreSQL on this machine), the shared buffers one statement touched (EXPLAIN ANALYZE
 * BUFFERS, rolled back) and the WAL written.
 *
 * Each statement is prepared on the connection, as the server's runner does, in two ways: once the
 * conversations are all there, and on a fresh table of a few conversations, its plan kept while the
 * table grows (a server started on a new database; nothing runs ANALYZE, as with autovacuum off). A
 * plan that scans the conversations shows in the second. TEST_DATABASE_URL or
 * postgres://postgres@127.0.0.1:5432/test, in a scratch schema dropped at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { newBotMessage, newShopperMessage } from '../server/storage/message-table.ts';
import { migrateToLatest } from '../server/storage/migrations.ts';
import { type Exchange, exchangesParameter, exchangesSql } from '../server/storage/postgres-message-sql.ts';
import { readCpuMs } from './load/server-process.ts';

const { values } = parseArgs({
  options: {
    conversations: { type: 'string', default: '5000' },
    exchanges: { type: 'string', default: '6000' },
    batches: { type: 'string', default: '1,2,8' },
    json: { type: 'boolean', default: false },
  },
});
const CONVERSATIONS = Number(values.conversations);
const EXCHANGES = Number(values.exchanges);
const BATCHES = values.batches.split(',').map(Number);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Conversations in the table when a plan is made "on a small table". */
const SMALL_TABLE = 10;
/** Executions before PostgreSQL may switch a prepared statement to its generic plan (plancache.c). */
const CUSTOM_PLANS = 5;

/** One statement size's numbers, with the plan made on one table size. */
interface Result {
  planMadeOn: 'full table' | 'small table, kept';
  exchangesPerStatement: number;
  backendCpuUsPerExchange: number;
  buffersPerExchange: number;
  walBytesPerExchange: number;
  scansConversations: boolean;
}

/** A chat's exchange as the server stores it: a question, its answer and the dialogue state. */
function exchangeFor(conversationId: string, clientSeq: number): Exchange {
  const shopper = newShopperMessage({
    id: randomUUID(),
    conversationId,
    clientSeq,
    text: '定期便のお届け周期を変えたいです',
    createdAt: new Date(),
  });
  const reply = newBotMessage({
    id: randomUUID(),
    conversationId,
    replyTo: shopper.id,
    text: 'お届け周期はマイページの「定期購入の管理」から、次回発送の5日前まで変更できます。',
    decision: 'answer',
    intent: 'subscription.change_interval',
    score: 0.91,
    payload: { locale: 'ja', quickReplies: ['スキップしたい', '解約したい'] },
    createdAt: new Date(),
  });
  const state = { misses: 0, lastIntent: 'subscription.change_interval', turn: clientSeq };
  return { shopper, reply, patch: { state, updatedAt: new Date() } };
}

/** Hands out exchanges round the conversations, never two of one conversation in a statement. */
function exchangeSource(ids: readonly string[]) {
  const seqs = new Map<string, number>();
  let next = 0;
  return (count: number): Exchange[] =>
    Array.from({ length: count }, () => {
      const id = ids[next++ % ids.length]!;
      const seq = (seqs.get(id) ?? 0) + 1;
      seqs.set(id, seq);
      return exchangeFor(id, seq);
    });
}

/** Adds `count` conversations; returns their ids. */
async function addConversations(client: pg.Client, count: number): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    `insert into conversations (id, token_hash, locale, state, created_at, updated_at)
     select gen_random_uuid()::text, 'bench-' || gen_random_uuid()::text, 'ja', '{}'::jsonb, now(), now()
       from generate_series(1, $1::int)
     returning id`,
    [count],
  );
  return rows.map((row) => row.id);
}

/** Runs a statement of `exchanges.length` exchanges by its protocol-level name, as the server's runner does. */
function runStatement(client: pg.Client, exchanges: Exchange[]) {
  return client.query({
    name: `exchanges_${exchanges.length}`,
    text: exchangesSql(exchanges.length),
    values: [exchangesParameter(exchanges)],
  });
}

/** A node of EXPLAIN's JSON plan. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Shared Hit Blocks': number;
  'Shared Read Blocks': number;
  Plans?: PlanNode[];
}

const scans = (node: PlanNode, relation: string): boolean =>
  (node['Node Type'] === 'Seq Scan' && node['Relation Name'] === relation) ||
  (node.Plans ?? []).some((child) => scans(child, relation));

/**
 * One statement of `exchanges.length` under the plan its SQL-level twin (prepared alongside the
 * protocol-level one, at the same table size) has cached: the shared buffers it touched, and whether
 * it scans the conversations. Rolled back.
 */
async function explainOne(client: pg.Client, exchanges: Exchange[]) {
  await client.query('begin');
  try {
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      `explain (analyze, buffers, format json) execute exchanges_plan_${exchanges.length}(${pg.escapeLiteral(exchangesParameter(exchanges))})`,
    );
    const plan = rows[0]!['QUERY PLAN'][0].Plan;
    return {
      buffers: plan['Shared Hit Blocks'] + plan['Shared Read Blocks'],
      scansConversations: scans(plan, 'conversations'),
    };
  } finally {
    await client.query('rollback');
  }
}

/** Prepares every statement size on `client` and runs each past its custom plans, on the table as it is. */
async function preparePlans(client: pg.Client, next: (count: number) => Exchange[]): Promise<void> {
  for (const count of BATCHES) {
    await client.query(`prepare exchanges_plan_${count}(jsonb) as ${exchangesSql(count)}`);
    for (let i = 0; i <= CUSTOM_PLANS; i++) {
      await runStatement(client, next(count));
      await client.query(
        `execute exchanges_plan_${count}(${pg.escapeLiteral(exchangesParameter(next(count)))})`,
      );
    }
  }
}

/** Stores EXCHANGES exchanges in statements of `count` on `client`; its backend's cost per exchange. */
async function measure(
  client: pg.Client,
  backendPid: number,
  count: number,
  next: (count: number) => Exchange[],
  planMadeOn: Result['planMadeOn'],
): Promise<Result> {
  const statements = Math.max(1, Math.round(EXCHANGES / count));
  const { rows: before } = await client.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn');
  const cpuBefore = readCpuMs(backendPid);
  for (let i = 0; i < statements; i++) await runStatement(client, next(count));
  const cpuUs = (readCpuMs(backendPid) - cpuBefore) * 1000;
  const { rows } = await client.query<{ bytes: number }>(
    'select pg_wal_lsn_diff(pg_current_wal_lsn(), $1)::float8 as bytes',
    [before[0]!.lsn],
  );
  const exchanges = statements * count;
  const explained = await explainOne(client, next(count));
  return {
    planMadeOn,
    exchangesPerStatement: count,
    backendCpuUsPerExchange: Math.round(cpuUs / exchanges),
    buffersPerExchange: Math.round((explained.buffers / count) * 10) / 10,
    walBytesPerExchange: Math.round(rows[0]!.bytes / exchanges),
    scansConversations: explained.scansConversations,
  };
}

/** Both ways of making the plans, in a scratch schema of their own each. */
async function main(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const results: Result[] = [];
  try {
    for (const planMadeOn of ['full table', 'small table, kept'] as const) {
      const schema = `bench_${randomBytes(4).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      const pool = new pg.Pool({ connectionString: PG_URL, options: `-c search_path=${schema}`, max: 2 });
      const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
      try {
        // The tables come from the storage's migrations, as in the server.
        await migrateToLatest(new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) }), 'postgres');
        await client.connect();
        const backendPid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!
          .pid;
        // The plans are made on every conversation, or on a few, the rest added after them.
        const full = planMadeOn === 'full table';
        const planned = exchangeSource(await addConversations(client, full ? CONVERSATIONS : SMALL_TABLE));
        await preparePlans(client, planned);
        // The same source on the full table: its conversations' client seqs go on from the planning's.
        const next = full
          ? planned
          : exchangeSource(await addConversations(client, CONVERSATIONS - SMALL_TABLE));
        for (const count of BATCHES) results.push(await measure(client, backendPid, count, next, planMadeOn));
      } finally {
        await client.end().catch(() => {});
        await pool.end();
        await admin.query(`drop schema ${schema} cascade`);
      }
    }
  } finally {
    await admin.end();
  }
  if (values.json) {
    console.log(JSON.stringify(results, null, 2));
    return;
  }
  console.log(
    `PostgreSQL's cost per stored exchange, ${CONVERSATIONS} conversations, ${EXCHANGES} exchanges per size (${PG_URL.replace(/\/\/[^@/]*@/, '//')})`,
  );
  console.log('plan made on         per statement  backend CPU   buffers   WAL        scans conversations');
  for (const r of results) {
    console.log(
      `${r.planMadeOn.padEnd(20)} ${String(r.exchangesPerStatement).padStart(13)}  ${`${r.backendCpuUsPerExchange} µs`.padStart(11)}  ${String(r.buffersPerExchange).padStart(8)}  ${`${r.walBytesPerExchange} B`.padStart(8)}   ${r.scansConversations ? 'yes' : 'no'}`,
    );
  }
}

await main();
