/**
 * Starts the reference connector: `REFERENCE_CONNECTOR_SECRET=… npx tsx examples/reference-connector/main.ts`
 * (PORT default 4000, HOST default 127.0.0.1). Point the bot at it with
 * SHOP_CONNECTOR_URL=http://127.0.0.1:4000 and the same SHOP_CONNECTOR_SECRET.
 */
import { createReferenceConnector } from './reference-connector.ts';
import { MemoryStore, sampleData } from './store.ts';

const secret = process.env.REFERENCE_CONNECTOR_SECRET;
if (!secret || secret.length < 32) {
  process.stderr.write('REFERENCE_CONNECTOR_SECRET must be set (at least 32 characters)\n');
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4000);
const host = process.env.HOST ?? '127.0.0.1';
const server = createReferenceConnector({
  secret,
  store: new MemoryStore(sampleData(new Date().toISOString().slice(0, 10))),
});
server.listen(port, host, () => process.stdout.write(`reference connector on http://${host}:${port}\n`));
