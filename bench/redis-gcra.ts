/**
 * For bench/limit-store.ts only: the same GCRA take in Redis (a Lua script, one round trip), over a
 * minimal RESP client on a plain TCP socket, so the benchmark can price Redis without adding a Redis
 * client to the project's dependencies. Replies come back in request order; pipelined requests wait in
 * a FIFO. Handles the reply kinds the script returns (bulk string, nil, integer, error).
 */
import net from 'node:net';
import type { RateRule, TakeResult } from '../server/limits/gcra.ts';

const SCRIPT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local tolerance = tonumber(ARGV[3])
local start = math.max(tonumber(redis.call('GET', KEYS[1]) or ARGV[1]), now)
if start - now > tolerance then return nil end
redis.call('SET', KEYS[1], tostring(start + interval), 'PX', math.ceil(start + interval - now) + 1)
return tostring(start)`;

function command(args: string[]): string {
  return `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;
}

/** Opens a connection to Redis at `url` (redis://host:port) and returns a take over key prefix `prefix`. */
export async function redisGcra(
  url: string,
  prefix: string,
): Promise<{ take(key: string, rule: RateRule, nowMs: number): Promise<TakeResult>; close(): void }> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port || 6379), hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.setNoDelay(true);
  const waiting: { resolve(value: string | null): void; reject(error: Error): void }[] = [];
  let buffer = Buffer.alloc(0);
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n');
      if (end < 0) return;
      const kind = String.fromCharCode(buffer[0]!);
      const head = buffer.subarray(1, end).toString();
      let value: string | null;
      let used = end + 2;
      if (kind === '$') {
        const length = Number(head);
        if (length < 0) value = null;
        else {
          if (buffer.length < used + length + 2) return;
          value = buffer.subarray(used, used + length).toString();
          used += length + 2;
        }
      } else if (kind === '-') {
        buffer = buffer.subarray(used);
        waiting.shift()?.reject(new Error(head));
        continue;
      } else value = head;
      buffer = buffer.subarray(used);
      waiting.shift()?.resolve(value);
    }
  });
  return {
    async take(key, rule, nowMs) {
      const reply = await new Promise<string | null>((resolve, reject) => {
        waiting.push({ resolve, reject });
        socket.write(
          command([
            'EVAL',
            SCRIPT,
            '1',
            `${prefix}${key}`,
            String(nowMs),
            String(rule.intervalMs),
            String(rule.toleranceMs),
          ]),
        );
      });
      return reply === null
        ? { allowed: false, retryAfterMs: rule.intervalMs }
        : { allowed: true, startMs: Number(reply) };
    },
    close: () => socket.destroy(),
  };
}
