/**
 * The connector contract's conformance checks (`npm run connector:check`), run against any
 * implementation over HTTP: answers of the contract's shapes, unsigned / wrongly signed / stale /
 * tampered requests refused with 401, an unknown customer 404, one Idempotency-Key applied once, and a
 * foreign customer's subscription refused (404) and left unchanged. The idempotency check skips the
 * customer's next delivery once: run it against a test account.
 */
import { randomUUID } from 'node:crypto';
import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Subscription } from '../../bot/shop/shop-data.ts';
import {
  connectorPaths,
  OrdersResponseSchema,
  SubscriptionResponseSchema,
  SubscriptionsResponseSchema,
} from './connector-wire.ts';
import { IDEMPOTENCY_HEADER, REPLAY_WINDOW_SECONDS, signingHeaders } from './request-signing.ts';

/** What to check. */
export interface ConformanceTarget {
  /** The implementation's base URL. */
  url: string;
  secret: string;
  /** A test customer with at least one subscription that allows `skip`. */
  customer: string;
  /** Another test customer with at least one subscription; without it the ownership check uses a made-up id. */
  foreignCustomer?: string;
  /** Per-request timeout, in ms (default 10 000). */
  timeoutMs?: number;
}

/** One check's outcome. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

interface Sent {
  status: number;
  body: unknown;
}

type Signing = 'good' | 'none' | 'wrong-secret' | 'stale' | { signedBody: string };

/** Runs every check in order; never throws (a failed request is a failed check). */
export async function runConformanceChecks(target: ConformanceTarget): Promise<CheckResult[]> {
  const base = new URL(target.url.replace(/\/+$/u, ''));

  async function send(
    method: 'GET' | 'POST',
    path: string,
    options: { signing?: Signing; json?: unknown; idempotencyKey?: string } = {},
  ): Promise<Sent> {
    const url = new URL(base.pathname.replace(/\/+$/u, '') + path, base);
    const pathWithQuery = url.pathname + url.search;
    const body = options.json === undefined ? '' : JSON.stringify(options.json);
    const signing = options.signing ?? 'good';
    const idempotencyKey = options.idempotencyKey ?? '';
    const signedBody = typeof signing === 'object' ? signing.signedBody : body;
    const secret = signing === 'wrong-secret' ? `${target.secret}-not` : target.secret;
    const at = signing === 'stale' ? new Date(Date.now() - 2 * REPLAY_WINDOW_SECONDS * 1000) : new Date();
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(signing === 'none'
        ? {}
        : signingHeaders(secret, { method, pathWithQuery, body: signedBody, idempotencyKey }, at)),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(idempotencyKey ? { [IDEMPOTENCY_HEADER]: idempotencyKey } : {}),
    };
    const response = await fetch(url, {
      method,
      headers,
      ...(body ? { body } : {}),
      redirect: 'manual',
      signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = text;
    }
    return { status: response.status, body: parsed };
  }

  async function subscriptionsOf(customer: string): Promise<Subscription[] | string> {
    const answer = await send('GET', connectorPaths.subscriptions(customer));
    if (answer.status !== 200) return `GET subscriptions of ${customer} answered ${answer.status}`;
    if (!Value.Check(SubscriptionsResponseSchema, answer.body))
      return shapeProblem(SubscriptionsResponseSchema, answer.body);
    return answer.body.subscriptions;
  }

  const checks: [string, () => Promise<string | undefined>][] = [
    [
      'subscriptions: a signed read answers 200 with the contract’s shape',
      async () => {
        const list = await subscriptionsOf(target.customer);
        return typeof list === 'string' ? list : undefined;
      },
    ],
    [
      'orders: a signed read answers 200 with the contract’s shape',
      async () =>
        expectShape(await send('GET', connectorPaths.orders(target.customer)), OrdersResponseSchema),
    ],
    [
      'an unsigned request is refused with 401',
      async () =>
        expectStatus(
          await send('GET', connectorPaths.subscriptions(target.customer), { signing: 'none' }),
          401,
        ),
    ],
    [
      'a request signed with another secret is refused with 401',
      async () =>
        expectStatus(
          await send('GET', connectorPaths.subscriptions(target.customer), { signing: 'wrong-secret' }),
          401,
        ),
    ],
    [
      `a request signed more than ${REPLAY_WINDOW_SECONDS} s ago (a replay) is refused with 401`,
      async () =>
        expectStatus(await send('GET', connectorPaths.orders(target.customer), { signing: 'stale' }), 401),
    ],
    [
      'a change whose body differs from the signed one is refused with 401',
      // Aimed at an id that exists nowhere, so an implementation that fails this changes nothing.
      async () =>
        expectStatus(
          await send('POST', connectorPaths.changes(target.customer, `conformance-none-${randomUUID()}`), {
            json: { kind: 'cancel' },
            signing: { signedBody: JSON.stringify({ kind: 'skip' }) },
            idempotencyKey: randomUUID(),
          }),
          401,
        ),
    ],
    [
      'an unknown customer is answered 404',
      async () =>
        expectStatus(
          await send('GET', connectorPaths.subscriptions(`conformance-none-${randomUUID()}`)),
          404,
        ),
    ],
    ['the same Idempotency-Key applies a change once and answers the same result', () => idempotencyCheck()],
    [
      target.foreignCustomer
        ? "another customer's subscription is refused with 404 and left unchanged"
        : 'a subscription id that is not the customer’s is refused with 404 (pass --foreign-customer for the real check)',
      () => foreignCheck(),
    ],
  ];

  async function idempotencyCheck(): Promise<string | undefined> {
    const before = await subscriptionsOf(target.customer);
    if (typeof before === 'string') return before;
    const subscription = before.find((s) => s.allowedChanges.includes('skip'));
    if (!subscription) return `${target.customer} has no subscription that allows skip`;
    const key = `conformance-${randomUUID()}`;
    const path = connectorPaths.changes(target.customer, subscription.id);
    const first = await send('POST', path, { json: { kind: 'skip' }, idempotencyKey: key });
    const problem = expectShape(first, SubscriptionResponseSchema);
    if (problem) return `first change: ${problem}`;
    const second = await send('POST', path, { json: { kind: 'skip' }, idempotencyKey: key });
    if (second.status !== 200) return `the repeated request answered ${second.status}, not the stored 200`;
    if (JSON.stringify(second.body) !== JSON.stringify(first.body))
      return 'the repeated request answered another result';
    const after = await subscriptionsOf(target.customer);
    if (typeof after === 'string') return after;
    const now = after.find((s) => s.id === subscription.id);
    const expected = (first.body as { subscription: Subscription }).subscription.nextDeliveryDate;
    if (now?.nextDeliveryDate !== expected) {
      return `applied more than once: next delivery ${now?.nextDeliveryDate} after the repeat, ${expected} after the first`;
    }
    return undefined;
  }

  async function foreignCheck(): Promise<string | undefined> {
    if (!target.foreignCustomer) {
      return expectStatus(
        await send('POST', connectorPaths.changes(target.customer, `conformance-none-${randomUUID()}`), {
          json: { kind: 'skip' },
          idempotencyKey: randomUUID(),
        }),
        404,
      );
    }
    const theirs = await subscriptionsOf(target.foreignCustomer);
    if (typeof theirs === 'string') return theirs;
    const victim = theirs[0];
    if (!victim) return `${target.foreignCustomer} has no subscription`;
    const answer = await send('POST', connectorPaths.changes(target.customer, victim.id), {
      json: { kind: 'skip' },
      idempotencyKey: randomUUID(),
    });
    const problem = expectStatus(answer, 404);
    const after = await subscriptionsOf(target.foreignCustomer);
    const unchanged =
      typeof after !== 'string' &&
      JSON.stringify(after.find((s) => s.id === victim.id)) === JSON.stringify(victim);
    if (problem)
      return `${problem}${unchanged ? '' : `, and ${target.foreignCustomer}'s subscription changed`}`;
    return unchanged ? undefined : `${target.foreignCustomer}'s subscription changed`;
  }

  const results: CheckResult[] = [];
  for (const [name, run] of checks) {
    try {
      const problem = await run();
      results.push(problem ? { name, ok: false, detail: problem } : { name, ok: true });
    } catch (error) {
      results.push({
        name,
        ok: false,
        detail: `request failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  return results;
}

function expectStatus(answer: Sent, status: number): string | undefined {
  return answer.status === status ? undefined : `answered ${answer.status}, expected ${status}`;
}

function expectShape(answer: Sent, schema: TSchema): string | undefined {
  if (answer.status !== 200) return `answered ${answer.status}, expected 200`;
  return Value.Check(schema, answer.body) ? undefined : shapeProblem(schema, answer.body);
}

function shapeProblem(schema: TSchema, body: unknown): string {
  const first = [...Value.Errors(schema, body)][0];
  return `answer does not fit the contract${first ? ` at ${first.path || '/'}: ${first.message}` : ''}`;
}
