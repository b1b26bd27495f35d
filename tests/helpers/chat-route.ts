/**
 * The setup every /chat route test without a port shares: the real app (buildTestApp) built before the
 * file's (or describe block's) tests and closed after them, and chats opened in process through
 * @fastify/websocket's `injectWS`. Tests of what only a real socket shows (backpressure, raw handshakes,
 * the client's address behind a proxy) use startTestApp and ChatClient.connect instead.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { type BuiltTestApp, buildTestApp, ChatClient, type Frame, type TestAppOptions } from './test-app.ts';

/** A chat opened and greeted on the route, numbering its messages from 1. */
export interface RouteChat {
  client: ChatClient;
  /** The welcome frame (its `token` resumes the conversation). */
  welcome: Frame;
  conversationId: string;
  /** Sends a message (with the intent of a pressed button) and resolves with its ack and the reply. */
  exchange(text: string, intent?: string): Promise<{ ack: Frame; reply: Frame }>;
  /** Sends a message as `exchange` does and resolves with the reply. */
  say(text: string, intent?: string): Promise<Frame>;
}

/** The app behind /chat, once built (read it inside tests and hooks, not at the top of a describe). */
export interface ChatRoute {
  readonly fastify: FastifyInstance;
  /** Opens /chat without a port; the frames are collected from the start. */
  open(headers?: Record<string, string>): Promise<ChatClient>;
  /** Opens /chat and says hello (`hello`: the frame's other fields, a locale or a token). */
  chat(hello?: object): Promise<RouteChat>;
}

/**
 * Builds the app in a `beforeAll` hook and closes it in an `afterAll` hook of the calling block.
 * `options` may be a function, for options made in an earlier hook or awaited (a trained engine, a
 * webhook stand-in's URL); hooks registered before this call run before the app is built, and their
 * `afterAll`s after it is closed.
 */
export function useChatRoute(
  options: TestAppOptions | (() => TestAppOptions | Promise<TestAppOptions>) = {},
): ChatRoute {
  let app: BuiltTestApp | undefined;
  beforeAll(async () => {
    app = await buildTestApp(typeof options === 'function' ? await options() : options);
  });
  afterAll(async () => {
    await app?.close();
  });
  const built = (): BuiltTestApp => {
    if (!app) throw new Error('the chat route app is built in beforeAll: use it inside tests');
    return app;
  };
  const open = (headers?: Record<string, string>) => ChatClient.inject(built().fastify, headers);
  return {
    get fastify() {
      return built().fastify;
    },
    open,
    async chat(hello = {}) {
      const client = await open();
      client.send({ type: 'hello', ...hello });
      const welcome = await client.next('welcome');
      let seq = 0;
      const exchange = async (text: string, intent?: string) => {
        seq += 1;
        client.send({ type: 'message', text, seq, ...(intent ? { intent } : {}) });
        const ack = await client.next('ack');
        return { ack, reply: await client.next('reply') };
      };
      return {
        client,
        welcome,
        conversationId: String(welcome.conversationId),
        exchange,
        say: async (text, intent) => (await exchange(text, intent)).reply,
      };
    },
  };
}
