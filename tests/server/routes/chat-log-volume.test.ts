/**
 * What a client that keeps sending oversized frames costs in the log: one short line per client and
 * minute, without a stack (it was 2.1 KB with stacks per handshake, about 4.8 GiB an hour from one
 * client), and no request lines per handshake.
 */
import { describe, expect, test } from 'vitest';
import { useChatRoute } from '../../helpers/chat-route.ts';

describe('/chat log volume', () => {
  const lines: string[] = [];
  const app = useChatRoute({
    env: { CHAT_MAX_FRAME_BYTES: '256' },
    logStream: { write: (line) => lines.push(line) },
  });

  test('twenty oversized-frame handshakes from one client log one short line without a stack', async () => {
    const before = lines.length;
    for (let i = 0; i < 20; i++) {
      const client = await app.open();
      client.send('x'.repeat(1024));
      expect(await client.closed()).toBe(1009);
    }
    const logged = lines.slice(before);
    expect(logged.filter((l) => l.includes('chat socket error'))).toHaveLength(1);
    expect(logged.some((l) => l.includes('"stack"'))).toBe(false);
    expect(logged.join('').length).toBeLessThan(500);
  });
});
