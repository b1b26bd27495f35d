/**
 * A `fetch` that sends the request to this very server in-process (fastify's `inject`), for the
 * connector pointed at the embedded demo shop. Whatever address the server listens on (or none: tests
 * that never listen), the connector then goes through the same signing, routes, signature checks and
 * answer validation as with a shop's own system; only the socket is skipped. The timeout's signal is
 * honoured by racing it, as inject itself cannot be aborted.
 */
import type { FastifyInstance } from 'fastify';

/** The in-process fetch for `fastify`. */
export function injectFetch(fastify: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const injected = fastify.inject({
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      url: url.pathname + url.search,
      headers,
      ...(typeof init?.body === 'string' ? { payload: init.body } : {}),
    });
    const response = await (signal
      ? Promise.race([
          injected,
          new Promise<never>((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason), { once: true }),
          ),
        ])
      : injected);
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined)
        responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    }
    return new Response(response.rawPayload.length === 0 ? null : new Uint8Array(response.rawPayload), {
      status: response.statusCode,
      headers: responseHeaders,
    });
  };
}
