/**
 * The command line of `npm run bench` (documented in run.ts): parsed once, each number checked against its
 * minimum; a bad value stops the run with exit code 2 and a message naming the option. `--quick` changes
 * every default to a smoke run's.
 */
import { parseArgs } from 'node:util';
import type { BenchReport } from './report.ts';

/** Where `--postgres` creates its databases unless `--database-url` says otherwise. */
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The parsed command line. */
export interface BenchOptions {
  quick: boolean;
  json: boolean;
  postgres: boolean;
  databaseUrl: string;
  config: BenchReport['config'];
  /** SQLITE_SYNCHRONOUS of the servers; undefined: the server's default. */
  sqliteSynchronous: 'full' | 'normal' | undefined;
}

/** Parses `process.argv`; exits with code 2 on a bad value. */
export function parseBenchOptions(): BenchOptions {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      postgres: { type: 'boolean', default: false },
      'database-url': { type: 'string', default: DEFAULT_DATABASE_URL },
      'closed-chats': { type: 'string' },
      'closed-seconds': { type: 'string' },
      'warmup-seconds': { type: 'string' },
      rate: { type: 'string' },
      'open-chats': { type: 'string' },
      'open-seconds': { type: 'string' },
      idle: { type: 'string' },
      probe: { type: 'string' },
      'sqlite-synchronous': { type: 'string' },
      processes: { type: 'string' },
      'scale-processes': { type: 'string' },
      'nlu-threads': { type: 'string' },
      'compare-nlu-threads': { type: 'string' },
      metrics: { type: 'boolean', default: false },
    },
  });

  const quick = values.quick;
  function numberOption(name: keyof typeof values, full: number, short: number, min: number): number {
    const raw = values[name];
    if (raw === undefined) return quick ? short : full;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) {
      process.stderr.write(`--${name} must be a number ≥ ${min}, got ${JSON.stringify(raw)}\n`);
      process.exit(2);
    }
    return value;
  }
  const config: BenchReport['config'] = {
    closedChats: Math.round(numberOption('closed-chats', 100, 20, 1)),
    closedSeconds: numberOption('closed-seconds', 10, 3, 0.5),
    warmupSeconds: numberOption('warmup-seconds', 2, 1, 0),
    rate: numberOption('rate', 1000, 200, 1),
    openChats: Math.round(numberOption('open-chats', 5000, 500, 1)),
    openSeconds: numberOption('open-seconds', 20, 5, 0.5),
    idleChats: Math.round(numberOption('idle', 10_000, 1000, 1)),
    probeChats: Math.round(numberOption('probe', 30, 10, 1)),
    processes: Math.round(numberOption('processes', 1, 1, 1)),
    scaleProcesses: Math.round(numberOption('scale-processes', 2, 2, 0)),
    nluThreads: Math.round(numberOption('nlu-threads', 0, 0, 0)),
    compareNluThreads: Math.round(numberOption('compare-nlu-threads', 1, 1, 0)),
    metrics: values.metrics,
  };
  const synchronousOption = values['sqlite-synchronous'];
  if (synchronousOption !== undefined && synchronousOption !== 'full' && synchronousOption !== 'normal') {
    process.stderr.write('--sqlite-synchronous must be full or normal\n');
    process.exit(2);
  }
  const sqliteSynchronous: 'full' | 'normal' | undefined = synchronousOption;
  return {
    quick,
    json: values.json,
    postgres: values.postgres,
    databaseUrl: values['database-url'],
    config,
    sqliteSynchronous,
  };
}
