/**
 * One client flooding the chat over many sockets, for the per-client limit tests: what was accepted and
 * what was refused, counted from the frames. `allowance` is the most a GCRA limit may admit in a given
 * time, so the tests compare counts and never depend on how fast the machine is.
 */
import WebSocket from 'ws';
import { ChatClient, type Frame } from './test-app.ts';
import { waitFor } from './wait-for.ts';

/** Most events a limit of `perMinute` after `burst` admits in `elapsedMs`. */
export function allowance(burst: number, perMinute: number, elapsedMs: number): number {
  return burst + Math.floor((elapsedMs * perMinute) / 60_000);
}

/** The frame that settles message `seq`: its reply or its error. */
export async function outcome(client: ChatClient, seq: number): Promise<Frame> {
  let found: Frame | undefined;
  await waitFor(() => {
    found = client.frames.find(
      (f) => (f.type === 'reply' && f.replyTo === seq) || (f.type === 'error' && f.seq === seq),
    );
    return found !== undefined;
  }, `the outcome of message ${seq}`);
  return found!;
}

/** Opens `count` sockets, spread over `urls` in turn (several instances), with the same headers. */
export async function openSockets(
  urls: string[],
  count: number,
  headers: Record<string, string> = {},
): Promise<ChatClient[]> {
  return Promise.all(
    Array.from({ length: count }, (_, i) => ChatClient.connect(urls[i % urls.length]!, headers)),
  );
}

/** Sends `perSocket` messages on every socket at once; returns each message's outcome. */
export async function floodMessages(sockets: ChatClient[], perSocket: number): Promise<Frame[]> {
  const seqs = Array.from({ length: perSocket }, (_, i) => i + 1);
  for (const client of sockets) {
    for (const seq of seqs) client.send({ type: 'message', text: '送料はいくら', seq });
  }
  return Promise.all(sockets.flatMap((client) => seqs.map((seq) => outcome(client, seq))));
}

/** The messages of one whole handoff on socket `i`: ask for staff, give an address, skip the summary. */
const handoffSteps = (i: number): { text: string; intent?: string }[] => [
  { text: '人と話したい' },
  { text: `flood${i}@example.jp` },
  { text: 'スキップ', intent: 'handoff.skip' },
];

/** Messages floodHandoffs sends on each socket. */
export const HANDOFF_FLOOD_MESSAGES = handoffSteps(0).length;

/**
 * Runs a whole handoff (handoffSteps) on every socket at once, each message after the last one's
 * outcome; returns each last outcome. Each socket sends HANDOFF_FLOOD_MESSAGES messages: the test's
 * message limit must admit them all, or which messages it refuses (an interleaving) decides how many
 * handoffs can complete.
 */
export async function floodHandoffs(sockets: ChatClient[]): Promise<Frame[]> {
  return Promise.all(
    sockets.map(async (client, i) => {
      let last: Frame | undefined;
      for (const [k, step] of handoffSteps(i).entries()) {
        client.send({ type: 'message', ...step, seq: k + 1 });
        last = await outcome(client, k + 1);
      }
      return last!;
    }),
  );
}

/** The handshake's HTTP status: 101 when the socket opened (it is closed again), else the refusal. */
export async function handshakeStatus(appUrl: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(`${appUrl.replace('http', 'ws')}/chat`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
