/**
 * Builds the real app (real SQLite storage in a temp dir, the small engine), either without a port for
 * `fastify.inject` (buildTestApp) or listening on a loopback port for tests that need a real socket
 * (startTestApp), and a small WebSocket client that collects frames.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs/promises';
import type { Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import WebSocket from 'ws';
import type { Corpus } from '../../bot/corpus/load-corpus.ts';
import type { IntentEngine } from '../../bot/nlu/intent-engine.ts';
import app from '../../server/app.ts';
import { parseEnv, readShopConfig } from '../../server/config/load-config.ts';
import { LOG_REDACTION } from '../../server/config/log-redaction.ts';
import { trustProxyOption } from '../../server/config/network-options.ts';
import type { ShopConfig } from '../../server/config/shop-config-schema.ts';
import type { Storage } from '../../server/storage/repository.ts';
import { LIFTED_CLIENT_LIMITS } from './client-limits-env.ts';
import { SMALL_CORPUS, smallEngine } from './small-corpus.ts';

/** The app built in process, answering `fastify.inject` (no port). */
export interface BuiltTestApp {
  fastify: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/** A running test app, listening on a loopback port. */
export interface TestApp extends BuiltTestApp {
  url: string;
}

/** What a test may change of the app it builds. */
export interface TestAppOptions {
  env?: Record<string, string>;
  storage?: Storage;
  now?: () => Date;
  prepared?: { engine: IntentEngine; corpus: Corpus };
  dataDir?: string;
  shop?: (shop: ShopConfig) => ShopConfig;
  /** Receives the app's log lines (pino JSON, level info and up); without it the app logs nothing. */
  logStream?: { write(line: string): void };
  /** Whether the chat path counts as warmed (server/main.ts); absent: always. */
  chatWarm?: () => boolean;
}

/**
 * Builds the app without a port, ready once its model is loaded: requests go through `fastify.inject`.
 * `env` overrides environment variables (the per-client limits are lifted unless set); `prepared` replaces
 * the small engine and corpus (e.g. a corpus whose answers carry test payloads). `dataDir` reuses a
 * directory (kept on close: a restarted app finds its database there); `shop` edits the demo shop config;
 * `logStream` collects logs.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<BuiltTestApp> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-test-')));
  const env = parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...LIFTED_CLIENT_LIMITS, ...options.env });
  const demoShop = readShopConfig('shop.yaml');
  const fastify = Fastify({
    logger: options.logStream ? { level: 'info', stream: options.logStream, redact: LOG_REDACTION } : false,
    bodyLimit: env.HTTP_BODY_LIMIT_BYTES,
    trustProxy: trustProxyOption(env.TRUST_PROXY),
  });
  await fastify.register(app, {
    config: { env, shop: options.shop ? options.shop(demoShop) : demoShop },
    prepared: options.prepared ?? { engine: await smallEngine(), corpus: SMALL_CORPUS },
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.chatWarm ? { chatWarm: options.chatWarm } : {}),
  });
  await fastify.ready();
  await fastify.botRuntime.ready;
  return {
    fastify,
    dataDir,
    async close() {
      await fastify.close();
      if (!options.dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the app as buildTestApp does and listens on a loopback port, for tests that need a real socket. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const built = await buildTestApp(options);
  await built.fastify.listen({ port: 0, host: '127.0.0.1' });
  const address = built.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { ...built, url: `http://127.0.0.1:${port}` };
}

/** A frame the server sent. */
export type Frame = Record<string, unknown> & { type: string };

/** A WebSocket client that queues frames and waits for the next one of a type. */
export class ChatClient {
  readonly frames: Frame[] = [];
  private waiters: { type: string; resolve: (f: Frame) => void }[] = [];
  private cursor = 0;
  closeCode: number | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame;
      this.frames.push(frame);
      this.flush();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
    });
  }

  /** Connects to the app's /chat. */
  static async connect(appUrl: string, headers: Record<string, string> = {}): Promise<ChatClient> {
    const socket = new WebSocket(`${appUrl.replace('http', 'ws')}/chat`, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new ChatClient(socket);
  }

  /**
   * Opens the app's /chat in process, without a port (@fastify/websocket's injectWS); the frames are
   * collected from the start, as with connect. injectWS gives the request no TCP socket, so no client
   * address (`request.ip`), which every real connection has and the connection cap counts by: the
   * request gets a stand-in with loopback's address (as `fastify.inject` gives its requests) that
   * closes when the WebSocket ends or the upgrade fails, as a TCP socket does.
   */
  static async inject(fastify: FastifyInstance, headers: Record<string, string> = {}): Promise<ChatClient> {
    let client: ChatClient | undefined;
    const tcp = Object.assign(new EventEmitter(), { remoteAddress: '127.0.0.1' });
    const socket = tcp as unknown as Socket;
    const onInit = (ws: WebSocket) => {
      client = new ChatClient(ws);
      ws.once('close', () => tcp.emit('close'));
    };
    try {
      await fastify.injectWS('/chat', { headers, socket }, { onInit });
    } catch (error) {
      tcp.emit('close');
      throw error;
    }
    return client!;
  }

  private flush(): void {
    for (const waiter of [...this.waiters]) {
      const index = this.frames.findIndex((f, i) => i >= this.cursor && f.type === waiter.type);
      if (index === -1) continue;
      this.cursor = index + 1;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(this.frames[index]!);
    }
  }

  /** Sends a frame object, or a raw string as is. */
  send(frame: object | string): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Resolves with the next not-yet-consumed frame of that type (5 s timeout). */
  next(type: string, timeoutMs = 5000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${type} frame within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({
        type,
        resolve: (f) => {
          clearTimeout(timer);
          resolve(f);
        },
      });
      this.flush();
    });
  }

  /** Resolves with the close code. */
  closed(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
      this.socket.once('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    this.socket.close();
  }
}
