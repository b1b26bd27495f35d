/**
 * Deleting shoppers' data from the terminal (APPI requests, and the retention purge by hand or cron):
 *
 *   npm run privacy -- delete --email shopper@example.com [--dry-run]
 *   npm run privacy -- delete --conversation <uuid> [--dry-run]
 *   npm run privacy -- delete --line-user <LINE user id> [--dry-run]
 *   npm run privacy -- export --line-user <LINE user id>
 *   npm run privacy -- purge-expired [--dry-run]
 *
 * Prints the rows deleted per table (with --dry-run: that would be deleted; nothing changes). The audit
 * line (counts and a SHA-256 of the subject, never the address) goes to standard error as JSON. Uses the
 * same DATABASE_URL / DATA_DIR / RETENTION_DAYS / SHOP_CONFIG as the server. `export` prints everything
 * stored about a LINE user as JSON (server/privacy/line-user-export.ts).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/load-config.ts';
import { exportLineUser } from '../privacy/line-user-export.ts';
import { compileMaskPatterns } from '../privacy/mask-text.ts';
import { createPrivacyService } from '../privacy/privacy-service.ts';
import { openStorage } from '../storage/open-storage.ts';
import { type DeletionCounts, PrivacyStore } from '../storage/privacy-store.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
/** LINE user ids: U and 32 hexadecimal digits. */
const LINE_USER_ID = /^U[0-9a-f]{32}$/u;
const USAGE =
  'usage: npm run privacy -- delete --email <email> | delete --conversation <uuid> | delete --line-user <id> | export --line-user <id> | purge-expired  [--dry-run]';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function printCounts(counts: DeletionCounts): void {
  for (const [table, count] of Object.entries(counts)) process.stdout.write(`${table}\t${count}\n`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    conversation: { type: 'string' },
    'line-user': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
});
const command = positionals[0];
if (command !== 'delete' && command !== 'export' && command !== 'purge-expired') fail(USAGE);
const dryRun = values['dry-run'] ?? false;
const lineUser = values['line-user'];
if (lineUser !== undefined && !LINE_USER_ID.test(lineUser)) {
  fail(`not a LINE user id (U and 32 hexadecimal digits): ${lineUser}`);
}
if (
  command === 'export' &&
  (lineUser === undefined || values.email !== undefined || values.conversation !== undefined)
) {
  fail('export takes --line-user <id> (only)');
}
if (command === 'delete') {
  const subjects = [values.email, values.conversation, lineUser].filter((v) => v !== undefined);
  if (subjects.length !== 1) {
    fail('give exactly one of --email and --conversation, or --line-user alone');
  }
  if (values.email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/u.test(values.email)) {
    fail(`not an email address: ${values.email}`);
  }
  if (values.conversation !== undefined && !UUID.test(values.conversation)) {
    fail(`not a conversation id (UUID): ${values.conversation}`);
  }
}

const { env, shop } = loadConfig();
const storage = await openStorage({
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  dataDir: env.DATA_DIR,
  sqliteSynchronous: env.SQLITE_SYNCHRONOUS,
});
const compiled = compileMaskPatterns(shop.privacy?.maskPatterns ?? []);
const audit = (level: string) => (obj: object, msg: string) =>
  process.stderr.write(`${JSON.stringify({ level, time: Date.now(), ...obj, msg })}\n`);
const privacy = createPrivacyService({
  store: new PrivacyStore(() => storage.database(), storage.dialect),
  patterns: compiled.ok ? compiled.patterns : [],
  retentionDays: env.RETENTION_DAYS,
  log: { info: audit('info'), warn: audit('warn') },
});
try {
  if (command === 'delete') {
    const subject =
      values.email !== undefined
        ? { email: values.email }
        : lineUser !== undefined
          ? { lineUserId: lineUser }
          : { conversationId: values.conversation! };
    printCounts(await privacy.deleteShopperData(subject, { dryRun, actor: 'cli' }));
  } else if (command === 'export') {
    process.stdout.write(`${JSON.stringify(await exportLineUser(storage, lineUser!), null, 2)}\n`);
  } else {
    const result = await privacy.purgeExpired(new Date(), { dryRun });
    if (!result) {
      process.stdout.write('RETENTION_DAYS is 0: conversations are kept forever; nothing to purge\n');
    } else {
      printCounts(result.counts);
      process.stdout.write(`heldBack\t${result.heldBack}\n`);
    }
  }
  if (dryRun) process.stdout.write('dry run: nothing was deleted\n');
} catch (error) {
  fail(`failed: ${(error as Error).message}`);
} finally {
  await storage.close();
}
