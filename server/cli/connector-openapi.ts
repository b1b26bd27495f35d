/**
 * `npm run connector:openapi`: writes docs/connector-openapi.json from the contract's schemas
 * (server/connector/connector-openapi.ts). Run it after changing bot/shop/shop-data.ts or
 * server/connector/connector-wire.ts; tests/docs/connector-openapi.test.ts fails until then.
 */
import fs from 'node:fs';
import { connectorOpenApiText } from '../connector/connector-openapi.ts';

export const CONNECTOR_OPENAPI_FILE = 'docs/connector-openapi.json';

fs.writeFileSync(CONNECTOR_OPENAPI_FILE, connectorOpenApiText());
process.stdout.write(`wrote ${CONNECTOR_OPENAPI_FILE}\n`);
