/**
 * A real HTTP server on 127.0.0.1 (node:http) standing in for a shop's action webhook: it records every
 * request (headers and the raw body, byte for byte, for signature checks) and answers each with the
 * next queued plan (a status, optionally after a delay longer than the client's timeout), else 200.
 */
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One received request. */
export interface WebhookRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The raw body as sent. */
  body: string;
}

/** How to answer one request. */
export interface WebhookPlan {
  status: number;
  /** Wait this long before answering, in ms. */
  delayMs?: number;
}

/** A running webhook server. */
export interface WebhookTestServer {
  url: string;
  requests: WebhookRequest[];
  /** Queues answers for the next requests, in order. */
  plan(...plans: WebhookPlan[]): void;
  close(): Promise<void>;
}

/** Starts the server on an ephemeral loopback port. */
export async function startWebhookServer(): Promise<WebhookTestServer> {
  const requests: WebhookRequest[] = [];
  const plans: WebhookPlan[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const plan = plans.shift() ?? { status: 200 };
      const answer = () => {
        response.writeHead(plan.status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: plan.status < 300 }));
      };
      if (!plan.delayMs) return answer();
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!response.destroyed) answer();
      }, plan.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/actions`,
    requests,
    plan: (...more) => plans.push(...more),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
