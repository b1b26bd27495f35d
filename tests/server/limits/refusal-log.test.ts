import { describe, expect, test } from 'vitest';
import { createRefusalLog } from '../../../server/limits/refusal-log.ts';

describe('createRefusalLog', () => {
  test('logs the first refusal per client and event, counts the rest until the window ends', () => {
    let now = 0;
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const refused = createRefusalLog(
      { warn: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }) },
      60_000,
      () => now,
    );
    for (let i = 0; i < 1000; i++) refused('chat socket error', '203.0.113.1', { code: 'WS_ERR_X' });
    refused('chat socket error', '203.0.113.2');
    refused('handshake refused', '203.0.113.1');
    expect(lines.map((l) => [l.msg, l.obj.ip])).toEqual([
      ['chat socket error', '203.0.113.1'],
      ['chat socket error', '203.0.113.2'],
      ['handshake refused', '203.0.113.1'],
    ]);
    now = 60_000;
    refused('chat socket error', '203.0.113.1', { code: 'WS_ERR_X' });
    expect(lines[3]).toEqual({
      msg: 'chat socket error',
      obj: { code: 'WS_ERR_X', ip: '203.0.113.1', suppressedSinceLast: 999 },
    });
  });

  test('a line carries no stack and stays short', () => {
    const lines: string[] = [];
    const refused = createRefusalLog(
      { warn: (obj, msg) => lines.push(JSON.stringify({ ...obj, msg })) },
      1000,
    );
    refused('chat socket error', '203.0.113.1', { code: 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH' });
    expect(lines[0]).not.toContain('stack');
    expect(lines[0]!.length).toBeLessThan(200);
  });
});
