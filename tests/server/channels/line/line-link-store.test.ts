/**
 * The account-link attempts (server/channels/line/line-link-store.ts) on SQLite and PostgreSQL: a link
 * token is usable on the bot's page only while fresh and unused; the shop vouches once per link token;
 * a nonce counts once, only for the LINE user the link token was issued to, and only before it expires.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import {
  LINK_TOKEN_MS,
  LineLinkStore,
  linkTokenHash,
  NONCE_MS,
  newNonce,
} from '../../../../server/channels/line/line-link-store.ts';
import { type StorageBackend, storageBackends, useStorage } from '../../../helpers/storage-backends.ts';

const T0 = new Date('2026-12-04T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const HANAKO = { customerId: 'demo-hanako', email: 'hanako@example.com', name: '山田 花子' };
const USER = 'U0000000000000000000000000000f001';

describe('link nonces', () => {
  test('are 43 URL-safe characters (LINE accepts 10–255) and never repeat', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => newNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/u);
  });
});

describe.each(storageBackends())('LineLinkStore on $name', (backend: StorageBackend) => {
  const storage = useStorage(backend);
  let links: LineLinkStore;
  let tokens = 0;

  beforeAll(async () => {
    links = new LineLinkStore(() => storage.database());
  });

  async function issued(user = USER): Promise<string> {
    tokens += 1;
    const linkToken = `link-token-${tokens}`;
    await links.issued(linkToken, user, T0);
    return linkToken;
  }

  test('keeps only a hash of the link token', async () => {
    const linkToken = await issued();
    const rows = await storage.database().selectFrom('line_account_links').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(`"${linkToken}"`);
    expect(rows.map((r) => r.link_token_hash)).toContain(linkTokenHash(linkToken));
  });

  test.each([
    { name: 'fresh', after: 0, usable: true },
    { name: 'just before 10 minutes', after: LINK_TOKEN_MS - 1, usable: true },
    { name: 'at 10 minutes', after: LINK_TOKEN_MS, usable: false },
  ])('a link token $name is usable: $usable', async ({ after, usable }) => {
    const linkToken = await issued();
    expect(await links.usable(linkToken, at(after))).toBe(usable);
    expect(Boolean(await links.vouch(linkToken, HANAKO, at(after)))).toBe(usable);
  });

  test('an unknown link token is not usable and gets no nonce', async () => {
    expect(await links.usable('never-issued', T0)).toBe(false);
    expect(await links.vouch('never-issued', HANAKO, T0)).toBeUndefined();
  });

  test('the shop vouches once per link token: a second sign-in gets no nonce', async () => {
    const linkToken = await issued();
    const nonce = await links.vouch(linkToken, HANAKO, T0);
    expect(nonce).toBeDefined();
    expect(await links.usable(linkToken, T0)).toBe(false);
    expect(await links.vouch(linkToken, { customerId: 'demo-taro' }, T0)).toBeUndefined();
  });

  test('a nonce names the vouched customer once; the second time it is unknown', async () => {
    const nonce = (await links.vouch(await issued(), HANAKO, T0))!;
    expect(await links.consume(nonce, USER, at(1000))).toEqual({ ok: true, shopper: HANAKO });
    expect(await links.consume(nonce, USER, at(1000))).toEqual({ ok: false, reason: 'unknown' });
  });

  test('a nonce expires after 10 minutes, and is gone once tried', async () => {
    const nonce = (await links.vouch(await issued(), HANAKO, T0))!;
    expect(await links.consume(nonce, USER, at(NONCE_MS))).toEqual({ ok: false, reason: 'expired' });
    expect(await links.consume(nonce, USER, at(1000))).toEqual({ ok: false, reason: 'unknown' });
  });

  test("a nonce for another LINE user's link token links nothing, and is gone", async () => {
    const nonce = (await links.vouch(await issued('U0000000000000000000000000000f002'), HANAKO, T0))!;
    expect(await links.consume(nonce, USER, at(1000))).toEqual({ ok: false, reason: 'other-user' });
    expect(await links.consume(nonce, 'U0000000000000000000000000000f002', at(1000))).toEqual({
      ok: false,
      reason: 'unknown',
    });
  });

  test('a customer without email or name comes back without them', async () => {
    const nonce = (await links.vouch(await issued(), { customerId: 'c-1' }, T0))!;
    expect(await links.consume(nonce, USER, at(1000))).toEqual({ ok: true, shopper: { customerId: 'c-1' } });
  });

  test('issuing forgets attempts expired more than an hour ago', async () => {
    const old = 'link-token-old';
    await links.issued(old, USER, at(-3 * 3600_000));
    expect(await links.usable(old, at(-3 * 3600_000))).toBe(true);
    await issued();
    const rows = await storage
      .database()
      .selectFrom('line_account_links')
      .select('link_token_hash')
      .where('link_token_hash', '=', linkTokenHash(old))
      .execute();
    expect(rows).toEqual([]);
  });
});
