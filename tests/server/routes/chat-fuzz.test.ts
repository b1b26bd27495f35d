/**
 * Fuzzing /chat over real sockets: thousands of random and malformed frames (random bytes, binary
 * frames, truncated JSON, deep nesting, huge numbers, a wrong value for every field of every client frame
 * type, Unicode edge cases, prototype-pollution keys), then: every bad frame got exactly one error frame
 * with a stable code (in order, the expected code where it is known), the one documented close (1007 for
 * a text frame that is not UTF-8), no 5xx on odd handshakes, /healthz 200, and a normal chat still works.
 * Reproducible: the seed is printed; rerun with FUZZ_SEED=<seed>.
 */
import { randomInt } from 'node:crypto';
import net from 'node:net';
import { Value } from '@sinclair/typebox/value';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CHAT_ERROR_CODES,
  ClientFrame,
  FeedbackFrame,
  GreetingDismissedFrame,
  HelloFrame,
  MessageFrame,
  PingFrame,
} from '../../../server/schemas/protocol.ts';
import { pick, seededRandom } from '../../helpers/prng.ts';
import { ChatClient, type Frame, startTestApp, type TestApp } from '../../helpers/test-app.ts';

const SEED = Number(process.env.FUZZ_SEED ?? randomInt(2 ** 31));
const FRAMES_PER_SOCKET = 800;
const SOCKETS = 4;

/** One frame to send, and the error code it must get (undefined: any stable code). */
interface BadFrame {
  kind: string;
  data: string | Buffer;
  binary?: boolean;
  code?: string;
}

const UUID = '7728eafd-f318-4f46-a468-5d1eb6ef675a';
const VALID: Record<string, Record<string, unknown>> = {
  hello: { type: 'hello', token: 'A'.repeat(43), locale: 'ja' },
  message: { type: 'message', text: 'こんにちは', seq: 1, intent: 'shipping.fee' },
  feedback: { type: 'feedback', messageId: UUID, value: 'helpful' },
  ping: { type: 'ping' },
  'greeting-dismissed': { type: 'greeting-dismissed' },
};
const SCHEMAS = {
  hello: HelloFrame,
  message: MessageFrame,
  feedback: FeedbackFrame,
  ping: PingFrame,
  'greeting-dismissed': GreetingDismissedFrame,
};

/** Strings that tend to break parsers, normalisers, databases and renderers. */
const UNICODE_EDGES = [
  '\ud800',
  '\udfff\ud800',
  '\u0000',
  '\ufeff',
  '\u202e逆向き',
  '\u2028\u2029',
  '👨‍👩‍👧‍👦',
  `a${'\u0301'.repeat(300)}`,
  '𠮷野家',
  'ｶﾀｶﾅＡＢＣ１２３',
  '\u3000',
  '\ud83d',
  '"\\"\'`<script>',
];

/** Values of every JSON type and some nasty ones, for "a wrong value in this field". */
function wrongValues(random: () => number): unknown[] {
  return [
    null,
    true,
    false,
    0,
    -1,
    1.5,
    -0,
    1e308,
    2 ** 31,
    Number.MAX_SAFE_INTEGER + 2,
    '',
    ' ',
    'x'.repeat(1 + Math.floor(random() * 2000)),
    UNICODE_EDGES[Math.floor(random() * UNICODE_EDGES.length)],
    [],
    [1, 'a'],
    {},
    { $gt: '' },
    { __proto__: null, polluted: true },
    'hello',
    UUID.toUpperCase(),
    'A'.repeat(42),
  ];
}

/** Builds one frame that the published schema refuses; frames the schema accepts are never returned. */
function badFrame(random: () => number): BadFrame {
  for (;;) {
    const frame = candidate(random);
    if (frame.binary || typeof frame.data !== 'string') return frame;
    let parsed: unknown;
    try {
      parsed = JSON.parse(frame.data);
    } catch {
      return frame;
    }
    if (!Value.Check(ClientFrame, parsed)) return frame;
  }
}

function candidate(random: () => number): BadFrame {
  const type = pick(random, Object.keys(VALID));
  const base = VALID[type]!;
  switch (Math.floor(random() * 10)) {
    case 0: {
      const bytes = Buffer.alloc(Math.floor(random() * 300));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      return {
        kind: 'random bytes (binary frame)',
        data: bytes,
        binary: true,
        code: 'CHAT_ERR_MALFORMED_JSON',
      };
    }
    case 1: {
      const json = JSON.stringify(base);
      return {
        kind: 'truncated JSON',
        data: json.slice(0, Math.floor(random() * json.length)),
        code: 'CHAT_ERR_MALFORMED_JSON',
      };
    }
    case 2: {
      const depth = 1 + Math.floor(random() * 20_000);
      const field = pick(random, Object.keys(base));
      const nested =
        random() < 0.5
          ? `${'['.repeat(depth)}${']'.repeat(depth)}`
          : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      const json = JSON.stringify({ ...base, [field]: 0 }).replace(`"${field}":0`, `"${field}":${nested}`);
      return random() < 0.2
        ? { kind: 'deep nesting (top level)', data: nested }
        : { kind: 'deep nesting', data: json };
    }
    case 3: {
      const number = pick(random, [
        '1e400',
        '-1e400',
        '1e-400',
        '123456789012345678901234567890',
        '2147483648',
        '-0',
        '0',
        '1.0000000000000002',
        'NaN',
        'Infinity',
      ]);
      return { kind: 'huge number', data: `{"type":"message","text":"x","seq":${number}}` };
    }
    case 4:
    case 5: {
      // A wrong value in one field of one frame type (including `type`), or a missing required field.
      const field = pick(random, Object.keys(base));
      const frame: Record<string, unknown> = { ...base };
      if (random() < 0.15) delete frame[field];
      else frame[field] = pick(random, wrongValues(random));
      return { kind: `wrong ${type}.${field}`, data: JSON.stringify(frame) };
    }
    case 6: {
      const key = pick(random, [
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'admin',
      ]);
      const text = JSON.stringify(base).replace(/^\{/u, `{"${key}":{"polluted":true,"type":"ping"},`);
      return { kind: `extra key ${key}`, data: text, code: 'CHAT_ERR_INVALID_FRAME' };
    }
    case 7: {
      const noise = Array.from({ length: Math.floor(random() * 200) }, () =>
        String.fromCodePoint(Math.floor(random() * 0x2ffff)),
      ).join('');
      return { kind: 'random text', data: noise };
    }
    case 8:
      return {
        kind: 'not an object',
        data: pick(random, ['[]', '"hello"', 'null', 'true', '42', '[{"type":"ping"}]']),
        code: 'CHAT_ERR_INVALID_FRAME',
      };
    default: {
      const schema = SCHEMAS[type as keyof typeof SCHEMAS];
      const frame: Record<string, unknown> = { ...base, [pick(random, UNICODE_EDGES)]: 1 };
      return {
        kind: `unicode key on ${type}`,
        data: JSON.stringify(frame),
        code: Object.keys(schema.properties).length ? 'CHAT_ERR_INVALID_FRAME' : undefined,
      };
    }
  }
}

/** Sends a raw HTTP request and resolves with the status code of the answer (0: closed without one). */
function rawHttp(url: string, request: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
      const match = /^HTTP\/1\.1 (\d{3})/u.exec(answer);
      if (match) {
        resolve(Number(match[1]));
        socket.destroy();
      }
    });
    socket.on('close', () => resolve(0));
    socket.on('error', reject);
  });
}

describe('/chat under fuzzing', () => {
  let app: TestApp;

  beforeAll(async () => {
    console.info(`chat fuzz seed: ${SEED} (rerun with FUZZ_SEED=${SEED})`);
    app = await startTestApp({
      env: { CHAT_MAX_FRAME_BYTES: '131072', CHAT_RATE_BURST: '100000', CHAT_RATE_PER_MINUTE: '100000' },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  test(`every malformed frame gets one error frame with a stable code (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const runs = await Promise.all(
      Array.from({ length: SOCKETS }, async () => {
        const frames = Array.from({ length: FRAMES_PER_SOCKET }, () => badFrame(random));
        const client = await ChatClient.connect(app.url);
        for (const frame of frames) {
          if (frame.binary) client.socket.send(frame.data, { binary: true });
          else client.send(frame.data as string);
        }
        // Frames are handled in order: once the pong is here, every error before it is too.
        client.send({ type: 'ping' });
        await client.next('pong', 30_000);
        const errors = client.frames.filter((f) => f.type === 'error');
        const others = client.frames.filter((f) => f.type !== 'error' && f.type !== 'pong');
        client.close();
        return { frames, errors, others, closeCode: client.closeCode };
      }),
    );
    const stable = new Set<string>(CHAT_ERROR_CODES.filter((c) => c !== 'CHAT_ERR_INTERNAL'));
    for (const { frames, errors, others, closeCode } of runs) {
      expect(closeCode, `seed ${SEED}`).toBeUndefined();
      expect(others, `seed ${SEED}: frames other than errors`).toEqual([]);
      expect(errors, `seed ${SEED}`).toHaveLength(frames.length);
      frames.forEach((frame, i) => {
        const error = errors[i] as Frame & { code: string; message: string };
        const what = `seed ${SEED}, frame ${i} (${frame.kind}): ${String(frame.data).slice(0, 120)}`;
        expect(stable.has(error.code), what).toBe(true);
        if (frame.code) expect(error.code, what).toBe(frame.code);
        expect(error.message, what).toMatch(/\S/u);
      });
    }
    // Prototype-pollution keys stayed data: nothing leaked onto Object.prototype in the server process.
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a text frame that is not UTF-8 closes only that socket with 1007', async () => {
    const client = await ChatClient.connect(app.url);
    client.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await client.closed()).toBe(1007);
  });

  test.each(UNICODE_EDGES.map((text) => ({ text, shown: JSON.stringify(text).slice(0, 40) })))(
    'a message of $shown is stored and answered, or refused with a stable code',
    async ({ text }) => {
      const client = await ChatClient.connect(app.url);
      client.send({ type: 'hello', locale: 'en' });
      await client.next('welcome');
      client.send({ type: 'message', text, seq: 1 });
      client.send({ type: 'ping' });
      await client.next('pong');
      const outcome = client.frames.filter((f) => f.type === 'reply' || f.type === 'error');
      expect(outcome).toHaveLength(1);
      if (outcome[0]!.type === 'error') expect(outcome[0]!.code).toBe('CHAT_ERR_INVALID_FRAME');
      else expect(client.frames.map((f) => f.type)).toEqual(['welcome', 'ack', 'reply', 'pong']);
      client.close();
    },
  );

  test.each([
    {
      name: 'no Sec-WebSocket-Key',
      headers: 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n',
    },
    {
      name: 'an unsupported version',
      headers:
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 12\r\n',
    },
    {
      name: 'a bad key',
      headers:
        'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: !!\r\nSec-WebSocket-Version: 13\r\n',
    },
  ])('a handshake with $name gets a 4xx, not a 5xx', async ({ headers }) => {
    const status = await rawHttp(app.url, `GET /chat HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  test('afterwards the server is healthy and a normal chat works', async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const client = await ChatClient.connect(app.url);
    client.send({ type: 'message', text: '送料はいくらですか', seq: 1 });
    await expect(client.next('reply')).resolves.toMatchObject({ intent: 'shipping.fee', replyTo: 1 });
    client.close();
  });
});
