/**
 * Writes the console API's OpenAPI document, generated from the route schemas, to
 * docs/console-openapi.json (run from the repository root):
 *
 *   npm run openapi            writes the file
 *   npm run openapi -- --check exits 1 when the committed file differs from the schemas
 *
 * Needs no database, model or environment: the app is built in a throw-away data directory
 * (server/openapi/console-document.ts). tests/server/cli/openapi.test.ts fails when the file is stale.
 */
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  buildConsoleOpenApi,
  CONSOLE_OPENAPI_FILE,
  consoleOpenApiText,
} from '../openapi/console-document.ts';

const { values } = parseArgs({ options: { check: { type: 'boolean' } } });
const text = consoleOpenApiText(await buildConsoleOpenApi());
if (values.check) {
  const committed = await fs.readFile(CONSOLE_OPENAPI_FILE, 'utf8').catch(() => '');
  if (committed !== text) {
    process.stderr.write(
      `${CONSOLE_OPENAPI_FILE} differs from the route schemas: run \`npm run openapi\`.\n`,
    );
    process.exit(1);
  }
  process.stdout.write(`${CONSOLE_OPENAPI_FILE} matches the route schemas.\n`);
} else {
  await fs.writeFile(CONSOLE_OPENAPI_FILE, text);
  const paths = Object.keys((JSON.parse(text) as { paths: object }).paths).length;
  process.stdout.write(`wrote ${CONSOLE_OPENAPI_FILE} (${paths} paths)\n`);
}
// The first model still trains in a worker of the closed app (a minute of CPU for nothing): end now.
process.exit(0);
