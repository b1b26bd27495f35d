/**
 * The LINE channel under load (docs/line.md): signed webhook requests at a fixed rate (default 200
 * events/s, open loop: requests are sent on schedule whether or not earlier ones were answered) from many
 * LINE users (default 1,000), against the app in its own process with the LINE platform stand-in on
 * loopback (tests/helpers/line-platform-stand-in.ts). Prints the webhook's latency (target: p99 ≤ 50 ms),
 * how long answers took to reach "LINE", and checks that every event was answered exactly once and each
 * user's in the order sent. The app runs the test corpus's small engine (tests/helpers/app-process.ts):
 * the webhook's own work does not depend on the model, the worker's turns are cheaper than with the
 * shipped corpus.
 *
 *   npm run bench:line -- [--rate 200] [--users 1000] [--seconds 20] [--json]
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnApp } from '../tests/helpers/app-process-control.ts';
import {
  LinePlatformStandIn,
  lineEnv,
  postWebhook,
  textEvent,
} from '../tests/helpers/line-platform-stand-in.ts';

const { values } = parseArgs({
  options: {
    rate: { type: 'string', default: '200' },
    users: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
const RATE = Number(values.rate);
const USERS = Number(values.users);
const SECONDS = Number(values.seconds);
const TOTAL = Math.round(RATE * SECONDS);
/** Questions the users ask in turn (answered by the test corpus). */
const QUESTIONS = ['送料はいくら', '定期便の周期を変えたい', 'こんにちは', '解約方法を教えて'];

/** The p-th percentile (0–100) of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

const platform = await new LinePlatformStandIn().start();
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-line-'));
// The app inherits this process's environment (SQLITE_SYNCHRONOUS, DATABASE_URL to try PostgreSQL).
const app = await spawnApp({ ...lineEnv(platform), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });

try {
  const users = Array.from({ length: USERS }, (_, i) => `U${String(i).padStart(32, '0')}`);
  /** Reply tokens each user was sent, in order. */
  const sentTokens = new Map<string, string[]>();
  /** When each token's webhook request was answered (ms, performance clock mapped to Date.now). */
  const storedAt = new Map<string, number>();
  const webhookMs: number[] = [];
  const statuses = new Map<number, number>();
  const started = Date.now();
  const requests: Promise<void>[] = [];
  for (let i = 0; i < TOTAL; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const user = users[i % USERS]!;
    const round = Math.floor(i / USERS);
    const event = textEvent(platform, user, QUESTIONS[round % QUESTIONS.length]!);
    const token = String(event.replyToken);
    const own = sentTokens.get(user) ?? [];
    own.push(token);
    sentTokens.set(user, own);
    requests.push(
      (async () => {
        const t0 = performance.now();
        const { status } = await postWebhook(app.url, [event]);
        webhookMs.push(performance.now() - t0);
        storedAt.set(token, Date.now());
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      })(),
    );
  }
  await Promise.all(requests);
  const sendSeconds = (Date.now() - started) / 1000;
  // Wait for every answer (or give up after 120 s of no progress).
  let last = -1;
  let stalledSince = Date.now();
  while (platform.delivered().length < TOTAL) {
    const now = platform.delivered().length;
    if (now !== last) {
      last = now;
      stalledSince = Date.now();
    } else if (Date.now() - stalledSince > 120_000) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const drainedSeconds = (Date.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const delivered = platform.delivered();
  const answerMs = delivered.map((c) => c.at - (storedAt.get(String(c.body.replyToken)) ?? c.at));
  const byUser = new Map<string, string[]>();
  for (const call of delivered) {
    const own = byUser.get(call.to ?? '') ?? [];
    own.push(String(call.body.replyToken ?? ''));
    byUser.set(call.to ?? '', own);
  }
  const outOfOrder = users.filter(
    (user) => JSON.stringify(byUser.get(user) ?? []) !== JSON.stringify(sentTokens.get(user) ?? []),
  ).length;
  const uniqueAnswered = new Set(delivered.map((c) => c.body.replyToken ?? c.retryKey)).size;
  const result = {
    rate: RATE,
    users: USERS,
    events: TOTAL,
    sendSeconds: Math.round(sendSeconds * 10) / 10,
    achievedRate: Math.round(TOTAL / sendSeconds),
    webhookStatuses: Object.fromEntries(statuses),
    webhookMs: summary(webhookMs),
    answerMs: summary(answerMs),
    answered: delivered.length,
    answeredOnce: uniqueAnswered === delivered.length && delivered.length === TOTAL,
    usersOutOfOrder: outOfOrder,
    byMethod: {
      reply: delivered.filter((c) => c.kind === 'reply').length,
      push: delivered.filter((c) => c.kind === 'push').length,
    },
    loadingIndicators: platform.calls.filter((c) => c.kind === 'loading').length,
    drainedSeconds: Math.round(drainedSeconds * 10) / 10,
    cores: os.cpus().length,
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    const w = result.webhookMs;
    const a = result.answerMs;
    process.stdout.write(
      `${[
        `LINE webhook: ${result.events} events from ${result.users} users at ${result.rate}/s (achieved ${result.achievedRate}/s), ${result.cores} cores`,
        `  webhook 200 latency ms: p50 ${w.p50}  p90 ${w.p90}  p99 ${w.p99}  max ${w.max}   statuses ${JSON.stringify(result.webhookStatuses)}`,
        `  stored → answer at LINE ms: p50 ${a.p50}  p90 ${a.p90}  p99 ${a.p99}  max ${a.max}`,
        `  answered ${result.answered}/${result.events}, each once: ${result.answeredOnce}, users out of order: ${result.usersOutOfOrder}`,
        `  by reply ${result.byMethod.reply}, by push ${result.byMethod.push}; loading indicators ${result.loadingIndicators}; all answered after ${result.drainedSeconds} s`,
      ].join('\n')}\n`,
    );
  }
  if (!result.answeredOnce || result.usersOutOfOrder > 0) process.exitCode = 1;
} finally {
  await app.kill();
  await platform.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}
