/**
 * The benchmark's fresh databases sit next to the one --database-url names, whichever form the URL
 * takes: host and port, or libpq's host-less form for a Unix socket that `URL` refuses. Read back with
 * pg's own parser (a client that is never connected).
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { databaseUrlFor } from '../../../bench/load/database-url.ts';

/** What pg would connect to for `url`. */
function target(url: string) {
  const client = new pg.Client({ connectionString: url });
  return { host: client.host, port: client.port, user: client.user, database: client.database };
}

describe('databaseUrlFor', () => {
  it('replaces the database of a host and port URL', () => {
    const url = databaseUrlFor('postgres://postgres@127.0.0.1:5432/test', 'bench_load_main_1');
    expect(url).toBe('postgres://postgres@127.0.0.1:5432/bench_load_main_1');
    expect(target(url)).toEqual({
      host: '127.0.0.1',
      port: 5432,
      user: 'postgres',
      database: 'bench_load_main_1',
    });
  });

  it('keeps a Unix socket given as the host parameter of a URL without a host', () => {
    // The second form is what `new URL` refused ("Invalid URL", with the database already created).
    expect(() => new URL('postgres://postgres@/test')).toThrow();
    for (const socketUrl of [
      'postgresql:///test?host=/var/run/postgresql',
      'postgres://postgres@/test?host=%2Fvar%2Frun%2Fpostgresql',
    ]) {
      const url = databaseUrlFor(socketUrl, 'bench_load_idle_2');
      expect(target(url)).toMatchObject({ host: '/var/run/postgresql', database: 'bench_load_idle_2' });
    }
  });

  it('adds the database to a URL that names none, and keeps its parameters', () => {
    const url = databaseUrlFor('postgresql://shop:secret@db.internal?sslmode=disable', 'bench_load_main_3');
    expect(url).toBe('postgresql://shop:secret@db.internal/bench_load_main_3?sslmode=disable');
    expect(target(url)).toMatchObject({ host: 'db.internal', user: 'shop', database: 'bench_load_main_3' });
  });

  it('refuses a URL that is not PostgreSQL', () => {
    expect(() => databaseUrlFor('mysql://root@127.0.0.1/test', 'x')).toThrow(/postgres/);
  });
});
