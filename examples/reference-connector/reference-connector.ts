/**
 * A reference implementation of the bot's shop connector contract (docs/connector.md), on plain
 * node:http with no framework, for a shop to adapt: every request's signature and replay window checked
 * first (401), a change's Idempotency-Key honoured (the same key answers the stored result and changes
 * nothing), and a customer's ids only (404 for anyone else's). The data lives in store.ts.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { signatureProblem } from './signature.ts';
import type { Change, MemoryStore } from './store.ts';

/** Options of the reference connector. */
export interface ReferenceConnectorOptions {
  /** The secret shared with the bot (SHOP_CONNECTOR_SECRET there). */
  secret: string;
  store: MemoryStore;
  /** Path prefix the bot's SHOP_CONNECTOR_URL ends with ('' for none), e.g. '/bot-connector'. */
  basePath?: string;
}

/** Largest request body read, in bytes (a change is a few dozen). */
const MAX_BODY_BYTES = 16_384;

interface Answer {
  status: number;
  body: unknown;
}

/** The connector as an http.Server (not yet listening). */
export function createReferenceConnector(options: ReferenceConnectorOptions): http.Server {
  const basePath = (options.basePath ?? '').replace(/\/+$/u, '');
  // Idempotency keys per customer: what the first request with the key answered. A real shop keeps these
  // in its database for at least a day.
  const applied = new Map<string, { requestHash: string; answer: Answer }>();

  function handle(
    method: string,
    pathWithQuery: string,
    headers: http.IncomingHttpHeaders,
    rawBody: string,
  ): Answer {
    const header = (name: string) =>
      typeof headers[name] === 'string' ? (headers[name] as string) : undefined;
    const problem = signatureProblem(options.secret, {
      method,
      pathWithQuery,
      rawBody,
      idempotencyKey: header('idempotency-key') ?? '',
      timestamp: header('x-shop-timestamp'),
      signature: header('x-shop-signature'),
    });
    if (problem) return error(401, `SIGNATURE_${problem.toUpperCase()}`);

    const path = pathWithQuery.split('?')[0] ?? '';
    if (!path.startsWith(`${basePath}/customers/`)) return error(404, 'NOT_FOUND');
    const parts = path
      .slice(basePath.length + 1)
      .split('/')
      .map(decodeURIComponent);
    const customerId = parts[1] ?? '';

    if (method === 'GET' && parts.length === 3 && parts[2] === 'subscriptions') {
      const subscriptions = options.store.subscriptions(customerId);
      return subscriptions ? { status: 200, body: { subscriptions } } : error(404, 'NOT_FOUND');
    }
    if (method === 'GET' && parts.length === 3 && parts[2] === 'orders') {
      const orders = options.store.orders(customerId);
      return orders ? { status: 200, body: { orders } } : error(404, 'NOT_FOUND');
    }
    if (method === 'POST' && parts.length === 5 && parts[2] === 'subscriptions' && parts[4] === 'changes') {
      const subscriptionId = parts[3] ?? '';
      const key = header('idempotency-key');
      if (!key || key.length > 200) return error(400, 'IDEMPOTENCY_KEY_REQUIRED');
      const change = parseChange(rawBody);
      if (!change) return error(400, 'BAD_CHANGE');
      const requestHash = createHash('sha256').update(`${subscriptionId}\n${rawBody}`).digest('hex');
      const seen = applied.get(`${customerId}\n${key}`);
      if (seen) return seen.requestHash === requestHash ? seen.answer : error(422, 'IDEMPOTENCY_KEY_REUSED');
      const result = options.store.change(customerId, subscriptionId, change);
      if (result === 'not_found') return error(404, 'NOT_FOUND');
      if (result === 'refused') return error(409, 'CHANGE_NOT_ALLOWED');
      const answer = { status: 200, body: { subscription: result } };
      applied.set(`${customerId}\n${key}`, { requestHash, answer });
      return answer;
    }
    return error(404, 'NOT_FOUND');
  }

  return http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const answer = handle(
        request.method ?? 'GET',
        request.url ?? '/',
        request.headers,
        Buffer.concat(chunks).toString('utf8'),
      );
      response
        .writeHead(answer.status, { 'content-type': 'application/json' })
        .end(JSON.stringify(answer.body));
    });
  });
}

function error(status: number, code: string): Answer {
  return { status, body: { code } };
}

const KINDS = new Set(['skip', 'interval', 'next_date', 'pause', 'resume', 'cancel']);

/** The change in a body, or undefined when it is not one the contract defines. */
function parseChange(rawBody: string): Change | undefined {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const c = body as Record<string, unknown>;
  if (typeof c.kind !== 'string' || !KINDS.has(c.kind)) return undefined;
  if (c.kind === 'next_date' && !(typeof c.date === 'string' && /^\d{4}-\d{2}-\d{2}$/u.test(c.date)))
    return undefined;
  if (c.kind === 'interval') {
    const i = c.interval as Record<string, unknown> | undefined;
    const unitOk = i?.unit === 'day' || i?.unit === 'week' || i?.unit === 'month';
    if (!unitOk || typeof i?.count !== 'number' || !(i.count > 0)) return undefined;
  }
  return c as unknown as Change;
}
