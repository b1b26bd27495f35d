/**
 * The staff CLI's password prompt, driven through fake streams: a fake terminal (isTTY, setRawMode)
 * and a fake pipe.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { type PromptStreams, readNewPassword } from '../../../server/cli/read-password.ts';

interface FakeIo {
  streams: PromptStreams;
  /** Everything the prompt wrote to the screen. */
  shown: () => string;
  /** Raw-mode switches, in order. */
  rawModes: boolean[];
  /** Types text, one chunk per call, as a terminal delivers keystrokes. */
  type: (...keys: string[]) => void;
}

function fakeIo(tty: boolean): FakeIo {
  const input = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: (mode: boolean) => void };
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString();
  });
  const rawModes: boolean[] = [];
  if (tty) {
    input.isTTY = true;
    input.setRawMode = (mode) => {
      rawModes.push(mode);
    };
  }
  return {
    streams: { input, output },
    shown: () => shown,
    rawModes,
    // Each key after the prompt it answers has been shown: a person types after reading.
    type: (...keys) => {
      for (const [index, key] of keys.entries()) setTimeout(() => input.write(key), 5 * (index + 1));
    },
  };
}

describe('readNewPassword', () => {
  test('does not echo what is typed on a terminal', async () => {
    const io = fakeIo(true);
    io.type('correct horse battery\r', 'correct horse battery\r');
    const read = await readNewPassword(io.streams, 10);
    expect(read).toEqual({ ok: true, password: 'correct horse battery' });
    expect(io.shown()).toContain('Password');
    expect(io.shown()).not.toContain('correct');
    expect(io.shown()).not.toContain('*');
  });

  test('asks twice on a terminal and refuses two different answers', async () => {
    const io = fakeIo(true);
    io.type('correct horse battery\r', 'correct horse batterz\r');
    expect(await readNewPassword(io.streams, 10)).toEqual({ ok: false, problem: 'mismatch' });
    expect(io.shown()).toContain('Password again');
  });

  test('turns raw mode on while reading and off again afterwards', async () => {
    const io = fakeIo(true);
    io.type('correct horse battery\r', 'correct horse battery\r');
    await readNewPassword(io.streams, 10);
    expect(io.rawModes).toEqual([true, false, true, false]);
  });

  test('applies backspace to what was typed', async () => {
    const io = fakeIo(true);
    io.type('secret passwordX\u007f\r', 'secret password\r');
    expect(await readNewPassword(io.streams, 10)).toEqual({ ok: true, password: 'secret password' });
  });

  test('is cancelled by Ctrl-C and leaves raw mode', async () => {
    const io = fakeIo(true);
    io.type('half typed\u0003');
    expect(await readNewPassword(io.streams, 10)).toEqual({ ok: false, problem: 'cancelled' });
    expect(io.rawModes.at(-1)).toBe(false);
  });

  test('reads a single line from a pipe without asking again', async () => {
    const io = fakeIo(false);
    io.type('  piped passphrase  \n');
    expect(await readNewPassword(io.streams, 10)).toEqual({ ok: true, password: 'piped passphrase' });
    expect(io.shown()).not.toContain('again');
  });
});
