/**
 * docs/connector-openapi.json is what the contract's schemas give (`npm run connector:openapi` writes
 * it), and it describes the three operations with the signature's headers.
 */
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { connectorOpenApi, connectorOpenApiText } from '../../server/connector/connector-openapi.ts';

describe('docs/connector-openapi.json', () => {
  test('matches what the schemas give (run npm run connector:openapi after changing them)', () => {
    expect(fs.readFileSync('docs/connector-openapi.json', 'utf8')).toBe(connectorOpenApiText());
  });

  test('declares the three operations, signed, with the Subscription schema as in the code', () => {
    const doc = connectorOpenApi() as {
      paths: Record<string, Record<string, { operationId: string }>>;
      components: {
        securitySchemes: Record<string, { name: string }>;
        schemas: Record<string, { required: string[] }>;
      };
    };
    const operations = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId));
    expect(operations).toEqual(['listSubscriptions', 'listOrders', 'changeSubscription']);
    expect(Object.values(doc.components.securitySchemes).map((s) => s.name)).toEqual([
      'X-Shop-Timestamp',
      'X-Shop-Signature',
    ]);
    expect(doc.components.schemas.Subscription?.required).toContain('nextDeliveryDate');
  });
});
