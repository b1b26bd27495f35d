/**
 * The load generator's chats: one WebSocket each (`ws`), opened from loopback source addresses
 * 127.0.0.2, 127.0.0.3, … with bounded concurrency and a deadline, and closed with a close handshake.
 * Only loopback targets are accepted.
 */
import WebSocket from 'ws';
import type { ClientFrame, ServerFrame } from '../../server/schemas/protocol.ts';
import type { ChatsSummary, ConnectOptions, Protocol } from './generator-types.ts';

const DEFAULT_CONNECT_CONCURRENCY = 200;
const DEFAULT_CONNECT_TIMEOUT_MS = 60_000;
const DEFAULT_CHATS_PER_SOURCE_ADDRESS = 2000;
const CLOSE_TIMEOUT_MS = 5000;
/** 127.0.0.2 … 127.0.0.254: loopback only, never another network. */
const MAX_SOURCE_ADDRESSES = 253;

/** A frame as the generator reads it: a server frame (chat) or our own frame echoed back (echo). */
export type Received = ServerFrame | ClientFrame;

/** An outstanding message of a chat. */
export interface Pending {
  /** When the message left (open loop: when it was scheduled to leave), performance.now() ms. */
  sentAt: number;
  /** Sent within the measured window. */
  measured: boolean;
}

/** One WebSocket chat and its outstanding messages by seq. */
export class Chat {
  readonly pending = new Map<number, Pending>();
  seq = 0;
  closed = false;
  closedByUs = false;
  /** Receives every parsed frame; set by the phase in progress. */
  onFrame: ((frame: Received) => void) | undefined;
  /** Called once when the socket closes. */
  onClose: (() => void) | undefined;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      let frame: Received;
      try {
        frame = JSON.parse(String(data)) as Received;
      } catch {
        return;
      }
      this.onFrame?.(frame);
    });
    socket.on('close', () => {
      this.closed = true;
      this.onClose?.();
    });
    // Errors are followed by 'close'; without a listener ws would throw them.
    socket.on('error', () => {});
  }

  send(frame: ClientFrame): void {
    this.socket.send(JSON.stringify(frame));
  }
}

/** Resolves after `ms` (at once when it is not positive). */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** The message of a thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The source address of chat `index`; fails fast on a layout that would leave loopback. */
export function sourceAddress(index: number, chatsPerAddress: number): string {
  const block = Math.floor(index / chatsPerAddress);
  if (block >= MAX_SOURCE_ADDRESSES) {
    throw new Error(
      `too many chats for ${MAX_SOURCE_ADDRESSES} loopback source addresses at ${chatsPerAddress} each`,
    );
  }
  return `127.0.0.${2 + block}`;
}

/** Fails fast on a target outside 127.0.0.0/8. */
export function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) {
    throw new Error(`the load generator only targets 127.0.0.0/8 (loopback), not ${host}`);
  }
}

/**
 * Opens one chat. `greet`: send hello (chat) or a ping (echo) and resolve on welcome (or the echoed ping);
 * otherwise resolve once the socket is open.
 */
export function openChat(
  url: string,
  protocol: Protocol,
  localAddress: string,
  timeoutMs: number,
  greet: boolean,
): Promise<Chat> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      localAddress,
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    const chat = new Chat(socket);
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      chat.onFrame = undefined;
      chat.onClose = undefined;
      if (error) {
        socket.terminate();
        reject(error);
      } else {
        resolve(chat);
      }
    };
    const timer = setTimeout(() => settle(new Error(`chat not ready within ${timeoutMs} ms`)), timeoutMs);
    chat.onClose = () => settle(new Error('socket closed while connecting'));
    socket.once('error', (error) => settle(error));
    socket.once('open', () => {
      if (!greet) {
        settle();
        return;
      }
      chat.onFrame = (frame) => {
        if (frame.type === 'welcome' || (protocol === 'echo' && frame.type === 'ping')) settle();
        else if (frame.type === 'error') settle(new Error(`server answered hello with ${frame.code}`));
      };
      chat.send(protocol === 'chat' ? { type: 'hello' } : { type: 'ping' });
    });
  });
}

/** Opens `connections` chats with bounded concurrency and an overall deadline. */
export async function openChats(options: ConnectOptions): Promise<{ chats: Chat[]; summary: ChatsSummary }> {
  assertLoopback(options.url);
  const concurrency = options.connectConcurrency ?? DEFAULT_CONNECT_CONCURRENCY;
  const perAddress = options.chatsPerSourceAddress ?? DEFAULT_CHATS_PER_SOURCE_ADDRESS;
  const offset = options.firstChatIndex ?? 0;
  if (options.connections > 0) sourceAddress(offset + options.connections - 1, perAddress);
  const deadline = performance.now() + (options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  const started = performance.now();
  const chats: Chat[] = [];
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const worker = async () => {
    while (next < options.connections) {
      const index = next;
      next += 1;
      const remaining = deadline - performance.now();
      if (remaining <= 0) {
        failed += 1;
        firstError ??= 'connect deadline passed';
        continue;
      }
      try {
        chats.push(
          await openChat(
            options.url,
            options.protocol,
            sourceAddress(offset + index, perAddress),
            remaining,
            true,
          ),
        );
      } catch (error) {
        failed += 1;
        firstError ??= errorMessage(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.connections) }, worker));
  return {
    chats,
    summary: {
      requested: options.connections,
      open: chats.length,
      failed,
      closedEarly: 0,
      sourceAddresses: Math.ceil(options.connections / perAddress),
      firstError,
      connectMs: Math.round(performance.now() - started),
    },
  };
}

/** Closes every chat (close handshake), terminating those that do not finish within CLOSE_TIMEOUT_MS. */
export async function closeChats(chats: Chat[]): Promise<number> {
  const closedEarly = chats.filter((chat) => chat.closed).length;
  const waits = chats
    .filter((chat) => !chat.closed)
    .map(
      (chat) =>
        new Promise<void>((resolve) => {
          chat.closedByUs = true;
          chat.onClose = resolve;
          chat.socket.close(1000);
        }),
    );
  await Promise.race([Promise.all(waits), sleep(CLOSE_TIMEOUT_MS)]);
  for (const chat of chats) if (!chat.closed) chat.socket.terminate();
  return closedEarly;
}
