/**
 * Memory per idle connection: RSS of a server holding half the idle chats, then all of them (each said
 * hello), both after the same settling; the slope between the two is the cost of one connection.
 */
import { runGeneratorProcess } from './generator-process.ts';
import type { IdleResult, ProbeSample } from './generator-types.ts';
import type { ChatServerProcess } from './server-process.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What holding the idle chats measured; `slopeChats` is how many chats the slope is over. */
export interface IdleMemory {
  idle: IdleResult;
  baselineRssKiB: number;
  heldRssKiB: number;
  slopeChats: number;
}

/** Holds `idleChats` chats on `idleServer` in two halves (two generator processes) and reads its RSS. */
export async function measureIdleMemory(
  idleServer: ChatServerProcess,
  idleChats: number,
): Promise<IdleMemory> {
  // Warm the server the way the first phase did, so the baseline holds no lazy initialisation.
  await runGeneratorProcess<ProbeSample[]>(
    { mode: 'probe', options: { url: idleServer.url, count: 20, seed: 11 } },
    { timeoutMs: 120_000 },
  );
  // Memory per connection as a slope: RSS with half the chats held, then with all of them, both after
  // the same settling. A difference from an idle baseline is at the mercy of the garbage collector
  // (a run measured RSS going *down* while 10,000 chats opened); the slope between two loaded states is not.
  const settledRss = async (): Promise<number> => {
    let rss = 0;
    for (let i = 0; i < 6; i += 1) {
      await sleep(500);
      rss = idleServer.rssKiB();
    }
    return rss;
  };
  const firstHalf = Math.floor(idleChats / 2);
  const idleJob = (connections: number, firstChatIndex: number) => ({
    mode: 'idle' as const,
    options: {
      url: idleServer.url,
      protocol: 'chat' as const,
      connections,
      connectTimeoutMs: 120_000,
      firstChatIndex,
    },
  });
  let baselineRssKiB = 0;
  let heldRssKiB = 0;
  let secondHalf: IdleResult | undefined;
  const firstResult = await runGeneratorProcess<IdleResult>(idleJob(firstHalf, 0), {
    timeoutMs: 480_000,
    onHolding: async () => {
      baselineRssKiB = await settledRss();
      secondHalf = await runGeneratorProcess<IdleResult>(idleJob(idleChats - firstHalf, firstHalf), {
        timeoutMs: 240_000,
        onHolding: async () => {
          heldRssKiB = await settledRss();
        },
      });
    },
  });
  const idle: IdleResult = {
    heldMs: firstResult.heldMs,
    chats: {
      ...firstResult.chats,
      requested: firstResult.chats.requested + (secondHalf?.chats.requested ?? 0),
      open: firstResult.chats.open + (secondHalf?.chats.open ?? 0),
      failed: firstResult.chats.failed + (secondHalf?.chats.failed ?? 0),
      closedEarly: firstResult.chats.closedEarly + (secondHalf?.chats.closedEarly ?? 0),
      connectMs: firstResult.chats.connectMs + (secondHalf?.chats.connectMs ?? 0),
    },
  };
  const slopeChats = secondHalf?.chats.open ?? 0;
  return { idle, baselineRssKiB, heldRssKiB, slopeChats };
}
