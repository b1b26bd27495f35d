/**
 * The console API's OpenAPI document as committed in docs/console-openapi.json: built from the real app
 * (its routes and their TypeBox schemas, server/plugins/openapi.ts), in a throw-away data directory with
 * the default configuration, so the document depends on the code only — never on this machine's
 * environment, database or model. Written with every object's keys sorted: the file changes only when
 * a schema does, whatever order plugins register routes in.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import app, { type AppOptions } from '../app.ts';
import { parseEnv, readShopConfig } from '../config/load-config.ts';

/** Where `npm run openapi` writes the document (from the repository root). */
export const CONSOLE_OPENAPI_FILE = 'docs/console-openapi.json';

/** The shipped demo shop: its values appear in no schema, but the app needs a shop to start. */
const DEMO_SHOP_FILE = 'shop.yaml';

/**
 * Builds the app without listening and returns its console API document. No route's schema depends on
 * the bot's model: without `prepared` the first model trains in a worker in the background, never
 * waited for (the CLI exits once the file is written; tests pass a small prepared engine).
 */
export async function buildConsoleOpenApi(options: Pick<AppOptions, 'prepared'> = {}): Promise<unknown> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'shop-bot-openapi-'));
  const fastify = Fastify({ logger: false });
  try {
    const env = parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    await fastify.register(app, {
      config: { env, shop: readShopConfig(DEMO_SHOP_FILE) },
      ...(options.prepared ? { prepared: options.prepared } : {}),
    });
    await fastify.ready();
    return structuredClone(fastify.swagger());
  } finally {
    await fastify.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  }
}

/** A copy of a JSON value with every object's keys in code-point order (arrays keep theirs). */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}

/** The document as the committed file's text: sorted keys, two-space indent, a final newline. */
export function consoleOpenApiText(document: unknown): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
