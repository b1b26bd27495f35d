/**
 * Reads a new password for the staff CLI without showing it. On a terminal the input is put in raw mode
 * and nothing typed is echoed (not even `*`, which would tell an onlooker the length); the password is
 * asked twice and two different answers are refused. Piped input (`printf 'pw\n' | npm run staff …`)
 * is read as one line: nobody types it, so there is nothing to echo or to mistype.
 */

/** The streams a prompt uses; process.stdin / process.stderr in the CLI, fakes in tests. */
export interface PromptStreams {
  input: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };
  output: NodeJS.WritableStream;
}

/** Why no password came back. */
export type PasswordProblem = 'mismatch' | 'cancelled';

/** The outcome of readNewPassword. */
export type NewPassword = { ok: true; password: string } | { ok: false; problem: PasswordProblem };

const ENTER = new Set(['\r', '\n']);
const BACKSPACE = new Set(['\u007f', '\b']);
// Ctrl-C and Ctrl-D: raw mode turns them into plain characters, so they are handled here.
const CANCEL = new Set(['\u0003', '\u0004']);

/** Shows `question` and reads one line without echoing it; undefined when the user cancels or input ends. */
export function promptHidden(question: string, streams: PromptStreams): Promise<string | undefined> {
  const { input, output } = streams;
  output.write(question);
  const raw = input.isTTY === true && typeof input.setRawMode === 'function';
  return new Promise((resolve) => {
    let typed = '';
    const finish = (value: string | undefined): void => {
      input.removeListener('data', onData);
      input.removeListener('end', onEnd);
      if (raw) input.setRawMode?.(false);
      input.pause();
      // The Enter key is not echoed either, so the next output starts on a new line here.
      output.write('\n');
      resolve(value);
    };
    const onEnd = (): void => finish(raw || typed === '' ? undefined : typed);
    const onData = (chunk: Buffer | string): void => {
      for (const char of chunk.toString()) {
        if (ENTER.has(char)) {
          finish(typed);
          return;
        }
        if (raw && CANCEL.has(char)) {
          finish(undefined);
          return;
        }
        if (raw && BACKSPACE.has(char)) typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    if (raw) input.setRawMode?.(true);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}

/**
 * Reads a new password: hidden and asked twice on a terminal, one line when piped. Surrounding spaces
 * are dropped (a pasted password often carries them); length rules are the caller's.
 */
export async function readNewPassword(streams: PromptStreams, minLength: number): Promise<NewPassword> {
  const first = await promptHidden(`Password (at least ${minLength} characters, not shown): `, streams);
  if (first === undefined) return { ok: false, problem: 'cancelled' };
  if (streams.input.isTTY !== true) return { ok: true, password: first.trim() };
  const second = await promptHidden('Password again: ', streams);
  if (second === undefined) return { ok: false, problem: 'cancelled' };
  if (first.trim() !== second.trim()) return { ok: false, problem: 'mismatch' };
  return { ok: true, password: first.trim() };
}
