/**
 * The reconnecting LISTEN connection on a real PostgreSQL: it hears a NOTIFY with its connection's
 * schema; when the server ends its connection it reconnects, runs `onConnected` again and hears the next
 * one; close() ends the connection and any reconnecting; while it cannot connect it retries with a
 * doubling wait. Each test listens on a channel of its own, so the server's backends tell them apart.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PgListener,
  type PgListenerNotification,
  pgListener,
} from '../../../server/storage/pg-listener.ts';
import { TEST_PG_URL } from '../../helpers/storage-backends.ts';
import { waitFor } from '../../helpers/wait-for.ts';

/** What one listener did, as its callbacks and log saw it. */
interface Recording {
  heard: PgListenerNotification[];
  connected: number;
  warnings: { obj: object; msg: string; at: number }[];
}

describe('pgListener', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const databaseUrl = `${TEST_PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  let admin: pg.Pool;
  const running: PgListener[] = [];

  beforeAll(async () => {
    admin = new pg.Pool({ connectionString: TEST_PG_URL, max: 1 });
    await admin.query(`CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    await Promise.all(running.map((listener) => listener.close()));
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  const freshChannel = () => `pg_listener_test_${randomBytes(6).toString('hex')}`;

  async function listen(channel: string, url = databaseUrl): Promise<{ listener: PgListener } & Recording> {
    const recording: Recording = { heard: [], connected: 0, warnings: [] };
    const listener = await pgListener({
      databaseUrl: url,
      channel,
      name: 'test news',
      fallback: 'retrying',
      log: { warn: (obj, msg) => recording.warnings.push({ obj, msg, at: Date.now() }) },
      onNotification: (notification) => recording.heard.push(notification),
      onConnected: async () => {
        recording.connected += 1;
      },
    });
    running.push(listener);
    return Object.assign(recording, { listener });
  }

  /** The server's backends whose last statement was this channel's LISTEN. */
  async function listeningBackends(channel: string): Promise<number> {
    const result = await admin.query('select count(*)::int as n from pg_stat_activity where query = $1', [
      `LISTEN ${channel}`,
    ]);
    return result.rows[0].n;
  }

  /** Ends the listening connection from the server's side, as a restart or an idle timeout would. */
  async function terminateListener(channel: string): Promise<number> {
    const result = await admin.query(
      'select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query = $1',
      [`LISTEN ${channel}`],
    );
    return result.rows[0].n;
  }

  it("hears a NOTIFY on its channel with its connection's schema", async () => {
    const channel = freshChannel();
    const recording = await listen(channel);
    expect(recording.connected).toBe(1);
    await admin.query(`NOTIFY ${channel}, 'first'`);
    await waitFor(() => recording.heard.length > 0, 'the notification', { timeoutMs: 5000 });
    expect(recording.heard).toEqual([{ payload: 'first', schema }]);
  });

  it('reconnects after the server ends its connection, runs onConnected again and hears the next NOTIFY', async () => {
    const channel = freshChannel();
    const recording = await listen(channel);
    expect(await terminateListener(channel)).toBe(1);
    await waitFor(() => recording.connected === 2, 'the second connection', { timeoutMs: 5000 });
    expect(recording.warnings.map(({ obj, msg }) => ({ obj, msg }))).toEqual([
      { obj: { retryInMs: 500 }, msg: 'test news connection lost; reconnecting' },
    ]);
    expect(await listeningBackends(channel)).toBe(1);
    await admin.query(`NOTIFY ${channel}, 'after the reconnect'`);
    await waitFor(() => recording.heard.length > 0, 'the notification after the reconnect', {
      timeoutMs: 5000,
    });
    expect(recording.heard).toEqual([{ payload: 'after the reconnect', schema }]);
  });

  it('ends its connection on close()', async () => {
    const channel = freshChannel();
    const recording = await listen(channel);
    expect(await listeningBackends(channel)).toBe(1);
    await recording.listener.close();
    await waitFor(async () => (await listeningBackends(channel)) === 0, 'the backend to exit', {
      timeoutMs: 5000,
    });
    expect(recording.warnings).toEqual([]);
  });

  it('stops reconnecting once closed', async () => {
    const channel = freshChannel();
    const recording = await listen(channel);
    expect(await terminateListener(channel)).toBe(1);
    await waitFor(() => recording.warnings.length > 0, 'the lost connection', { timeoutMs: 5000 });
    await recording.listener.close();
    // Three times the first retry's wait (500 ms): a reconnect that was still due would have happened.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(recording.connected).toBe(1);
    expect(await listeningBackends(channel)).toBe(0);
  });

  it('leaves no connection behind when onConnected fails: the retry listens alone', async () => {
    const channel = freshChannel();
    let calls = 0;
    const warnings: string[] = [];
    const listener = await pgListener({
      databaseUrl,
      channel,
      name: 'test news',
      fallback: 'retrying',
      log: { warn: (_obj, msg) => warnings.push(msg) },
      onNotification: () => {},
      onConnected: async () => {
        calls += 1;
        if (calls === 1) throw new Error('catching up failed');
      },
    });
    running.push(listener);
    await waitFor(() => calls === 2, 'the retry', { timeoutMs: 5000 });
    expect(warnings).toEqual(['test news could not connect; retrying']);
    await waitFor(async () => (await listeningBackends(channel)) === 1, 'one listening backend', {
      timeoutMs: 5000,
    });
    expect(await listeningBackends(channel)).toBe(1);
  });

  it('retries with a doubling wait while it cannot connect', async () => {
    // Nothing listens on port 1: every attempt is refused at once.
    const recording = await listen(freshChannel(), 'postgres://postgres@127.0.0.1:1/test');
    await waitFor(() => recording.warnings.length >= 3, 'three attempts', { timeoutMs: 10_000 });
    await recording.listener.close();
    const [first, second, third] = recording.warnings;
    expect([first?.msg, second?.msg, third?.msg]).toEqual([
      'test news could not connect; retrying',
      'test news could not connect',
      'test news could not connect',
    ]);
    // 500 ms, then 1000 ms (timers do not fire early; 20 ms for the clock's rounding).
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(480);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(980);
    expect(recording.connected).toBe(0);
  });
});
