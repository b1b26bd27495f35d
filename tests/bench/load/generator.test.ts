/**
 * Smoke test of the load generator against an in-process echo server: about a second of load with a
 * handful of chats. It checks that the counts add up and that every run stops by itself; it never
 * asserts on speed.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocketServer } from 'ws';
import { sourceAddress } from '../../../bench/load/chats.ts';
import { type EchoServer, startEchoServer } from '../../../bench/load/echo-server.ts';
import { holdIdle, runClosedLoop, runOpenLoop } from '../../../bench/load/generator.ts';
import type { LoadResult } from '../../../bench/load/generator-types.ts';

/** Every sent message ends as exactly one of reply, error or unanswered, in the run and in the window. */
function expectCountsAddUp(result: LoadResult): void {
  const { total, window } = result;
  expect(total.replies + total.errors + total.unanswered).toBe(total.sent);
  expect(window.replies + window.errors + window.unanswered).toBe(window.sent);
  expect(window.sent).toBeLessThanOrEqual(total.sent);
  expect(result.latencyMs.count).toBe(window.replies);
}

describe('load generator', () => {
  let echo: EchoServer;

  beforeAll(async () => {
    echo = await startEchoServer();
  });
  afterAll(async () => {
    await echo.close();
  });

  test('a closed loop keeps every chat busy and accounts for every message', async () => {
    const result = await runClosedLoop({
      url: echo.url,
      protocol: 'echo',
      connections: 4,
      warmupMs: 200,
      durationMs: 800,
    });
    expect(result.chats).toMatchObject({ requested: 4, open: 4, failed: 0, closedEarly: 0 });
    expectCountsAddUp(result);
    expect(result.window.replies).toBeGreaterThan(0);
    expect(result.total).toMatchObject({ errors: 0, unanswered: 0 });
    expect(result.strayFrames).toBe(0);
    expect(result.window.ms).toBe(800);
    expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.p99);
    expect(result.latencyMs.p99).toBeLessThanOrEqual(result.latencyMs.max);
    expect(result.ackLatencyMs).toBeNull();
  });

  test('an open loop sends exactly the scheduled number of messages', async () => {
    const result = await runOpenLoop({
      url: echo.url,
      protocol: 'echo',
      connections: 5,
      ratePerSecond: 100,
      warmupMs: 200,
      durationMs: 800,
    });
    // 100 msg/s for 1 s in all; the window holds the 80 scheduled after the warm-up.
    expect(result.total.sent).toBe(100);
    expect(result.window.sent).toBe(80);
    expectCountsAddUp(result);
    expect(result.total).toMatchObject({ replies: 100, errors: 0, unanswered: 0 });
    expect(result.sendLagMs?.count).toBe(80);
  });

  test('a server that never answers leaves messages unanswered and the run still ends', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    // Answers the hello-time ping only, then swallows every message.
    silent.on('connection', (socket) =>
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'ping') socket.send(data);
      }),
    );
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const result = await runClosedLoop({
        url: `ws://127.0.0.1:${port}/chat`,
        protocol: 'echo',
        connections: 3,
        warmupMs: 0,
        durationMs: 200,
        drainTimeoutMs: 200,
      });
      expect(result.total).toEqual({ sent: 3, replies: 0, errors: 0, unanswered: 3 });
      expect(result.latencyMs.count).toBe(0);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('chats that cannot connect are counted as failed, not waited for', async () => {
    const silent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => silent.once('listening', resolve));
    const { port } = silent.address() as { port: number };
    await new Promise((resolve) => silent.close(resolve));
    const result = await runClosedLoop({
      url: `ws://127.0.0.1:${port}/chat`,
      protocol: 'echo',
      connections: 2,
      warmupMs: 0,
      durationMs: 100,
    });
    expect(result.chats).toMatchObject({ requested: 2, open: 0, failed: 2 });
    expect(result.chats.firstError).toMatch(/ECONNREFUSED/);
    expect(result.total.sent).toBe(0);
  });

  test('idle chats stay open while held and are closed afterwards', async () => {
    let openWhileHeld = -1;
    const result = await holdIdle({ url: echo.url, protocol: 'echo', connections: 6 }, async (chats) => {
      openWhileHeld = chats.open;
    });
    expect(openWhileHeld).toBe(6);
    expect(result.chats).toMatchObject({ requested: 6, open: 6, failed: 0, closedEarly: 0 });
  });

  test('spreads chats over loopback source addresses and refuses any other target', async () => {
    expect(sourceAddress(0, 2000)).toBe('127.0.0.2');
    expect(sourceAddress(4000, 2000)).toBe('127.0.0.4');
    expect(() => sourceAddress(253 * 2000, 2000)).toThrow(/loopback/);
    await expect(
      runClosedLoop({
        url: 'ws://192.0.2.1/chat',
        protocol: 'echo',
        connections: 1,
        warmupMs: 0,
        durationMs: 1,
      }),
    ).rejects.toThrow(/127\.0\.0\.0\/8/);
  });
});
