/**
 * The fast mode of the crash-safety soak (tests/soak/crash-safety.ts): a few kill -9 rounds on SQLite
 * with concurrent chats and handoffs. The long mode, with PostgreSQL too, is `npm run soak:crash`.
 */
import { randomInt } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { formatCrashSafetyReport, runCrashSafety } from './crash-safety.ts';

const SEED = Number(process.env.SOAK_SEED ?? randomInt(2 ** 31));

describe('crash safety', () => {
  test(`kill -9 under load loses no acknowledged message, reply, escalation or mail (seed ${SEED})`, async () => {
    const report = await runCrashSafety({
      backend: 'sqlite',
      rounds: 3,
      chats: 12,
      seed: SEED,
      minUpMs: 150,
      maxUpMs: 900,
    });
    console.info(formatCrashSafetyReport(report));
    expect(report.problems).toEqual([]);
    // The run proved something: messages were typed, some were caught by a kill, handoffs were made.
    expect(report.typed).toBeGreaterThan(report.shoppers);
    expect(report.shopperRows).toBe(report.typed);
    expect(report.handoffs).toBeGreaterThan(0);
    expect(report.escalations).toBe(report.handoffs);
    expect(report.integrityChecks).toBe(4);
  }, 180_000);
});
