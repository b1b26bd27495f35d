import { describe, expect, test } from 'vitest';
import { parseEnv } from '../../../server/config/load-config.ts';
import { clientLimitRules, createClientLimits } from '../../../server/limits/client-limits.ts';
import { type LimitStore, MemoryLimitStore } from '../../../server/limits/limit-store.ts';

const RULES = clientLimitRules(
  parseEnv({ CLIENT_MESSAGES_PER_MINUTE: '60', CLIENT_MESSAGES_BURST: '2', CLIENT_HANDOFFS_PER_MINUTE: '2' }),
);

describe('createClientLimits', () => {
  test('counts each kind apart, and one client apart from another', async () => {
    let now = 0;
    const limits = createClientLimits({
      store: new MemoryLimitStore(),
      rules: RULES,
      log: { warn: () => undefined },
      clock: () => now,
    });
    const allowed = async (kind: 'message' | 'conversation', ip: string) =>
      (await limits.admit(kind, ip)).allowed;
    expect([await allowed('message', '203.0.113.1'), await allowed('message', '203.0.113.1')]).toEqual([
      true,
      true,
    ]);
    expect(await allowed('message', '203.0.113.1')).toBe(false);
    expect(await allowed('message', '203.0.113.2')).toBe(true);
    expect(await allowed('conversation', '203.0.113.1')).toBe(true);
    // Two addresses of one IPv6 /64 are one client.
    expect(await allowed('message', '2001:db8::1')).toBe(true);
    expect(await allowed('message', '2001:db8::2')).toBe(true);
    expect(await allowed('message', '2001:db8::3')).toBe(false);
    now += 1000;
    expect(await allowed('message', '203.0.113.1')).toBe(true);
  });

  test("spaces one client's mail slots by the handoff rate and leaves other clients' at once", async () => {
    const limits = createClientLimits({
      store: new MemoryLimitStore(),
      rules: RULES,
      log: { warn: () => undefined },
    });
    const at = new Date('2026-11-24T02:00:00Z');
    const slots = [];
    for (let i = 0; i < 3; i++)
      slots.push((await limits.mailNotBefore('203.0.113.1', at)).getTime() - at.getTime());
    expect(slots).toEqual([0, 30_000, 60_000]);
    expect((await limits.mailNotBefore('203.0.113.2', at)).getTime()).toBe(at.getTime());
  });

  test('a failing store admits and is logged once a minute', async () => {
    let now = 0;
    const warnings: string[] = [];
    const broken: LimitStore = {
      kind: 'postgres',
      take: async () => {
        throw new Error('connection refused');
      },
      close: async () => undefined,
    };
    const limits = createClientLimits({
      store: broken,
      rules: RULES,
      log: { warn: (_obj, msg) => warnings.push(msg) },
      clock: () => now,
    });
    for (let i = 0; i < 5; i++) expect((await limits.admit('message', '203.0.113.1')).allowed).toBe(true);
    expect(warnings).toHaveLength(1);
    now += 60_000;
    await limits.admit('message', '203.0.113.1');
    expect(warnings).toHaveLength(2);
  });
});
