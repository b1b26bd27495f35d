/**
 * npm run soak:crash -- [--rounds N] [--chats N] [--seed N] [--sqlite-only | --postgres-only]
 *                       [--database-url URL] [--min-up-ms MS] [--max-up-ms MS]
 *
 * The long crash-safety soak (tests/soak/crash-safety.ts): concurrent chats and handoffs against the real
 * server in a child process, kill -9 at random moments, restart on the same database, then every
 * acknowledged message, reply, escalation and outbox mail is checked in the database (and SQLite's
 * integrity_check after every kill). Runs SQLite, then PostgreSQL in a fresh schema (dropped after).
 * Defaults: 20 rounds, 24 chats, a random seed (printed; pass --seed to replay). Exits 1 on any problem.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { formatCrashSafetyReport, runCrashSafety } from '../tests/soak/crash-safety.ts';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    chats: { type: 'string', default: '24' },
    seed: { type: 'string' },
    'sqlite-only': { type: 'boolean', default: false },
    'postgres-only': { type: 'boolean', default: false },
    'database-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    'min-up-ms': { type: 'string', default: '150' },
    'max-up-ms': { type: 'string', default: '2000' },
  },
});
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
const backends = (['sqlite', 'postgres'] as const).filter((b) =>
  b === 'sqlite' ? !values['postgres-only'] : !values['sqlite-only'],
);
let failed = false;
for (const backend of backends) {
  const started = performance.now();
  const report = await runCrashSafety({
    backend,
    rounds: Number(values.rounds),
    chats: Number(values.chats),
    seed,
    databaseUrl: values['database-url'],
    minUpMs: Number(values['min-up-ms']),
    maxUpMs: Number(values['max-up-ms']),
    log: (line) => process.stderr.write(`[${backend}] ${line}\n`),
  });
  process.stdout.write(
    `${formatCrashSafetyReport(report)}\n  took ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  if (report.problems.length > 0) failed = true;
}
process.exit(failed ? 1 : 0);
