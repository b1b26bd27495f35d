import { describe, expect, test } from 'vitest';
import { ApiError } from '../../../console/api/api-client.ts';
import { LoadController } from '../../../console/controllers/load-controller.ts';
import { FakeHost } from '../../helpers/controller-host.ts';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LoadController', () => {
  test('loads when the host connects and re-renders before and after', async () => {
    const host = new FakeHost();
    const load = new LoadController(host, async () => ['row']);
    host.connect();
    expect(load.loading).toBe(true);
    await load.reload();
    expect([load.value, load.loading, load.error]).toEqual([['row'], false, undefined]);
    expect(host.updates).toBeGreaterThanOrEqual(2);
  });

  test('does not load on connect when it is not automatic', () => {
    const host = new FakeHost();
    const load = new LoadController(host, async () => 1, false);
    host.connect();
    expect(load.loading).toBe(false);
  });

  test('drops a late answer to an older request (quick filter changes never show stale rows)', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const load = new LoadController(new FakeHost(), () => answers[call++]!.promise, false);
    const first = load.reload();
    const second = load.reload();
    answers[1]!.resolve('new');
    await second;
    answers[0]!.resolve('old');
    await first;
    expect(load.value).toBe('new');
    expect(load.loading).toBe(false);
  });

  test('keeps the last value on failure and wraps a non-API error', async () => {
    let fail = false;
    const load = new LoadController(
      new FakeHost(),
      async () => {
        if (fail) throw new TypeError('boom');
        return 'value';
      },
      false,
    );
    await load.reload();
    fail = true;
    await load.reload();
    expect(load.value).toBe('value');
    expect(load.error).toBeInstanceOf(ApiError);
    expect(load.error).toMatchObject({ status: 0, code: 'CONSOLE_ERROR' });
  });

  test("passes the server's ApiError on as it is", async () => {
    const refused = new ApiError(403, 'CONSOLE_ERR_FORBIDDEN', 'forbidden');
    const load = new LoadController(
      new FakeHost(),
      async () => {
        throw refused;
      },
      false,
    );
    await load.reload();
    expect(load.error).toBe(refused);
  });
});
