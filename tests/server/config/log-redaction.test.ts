import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, test } from 'vitest';
import { LOG_REDACTION } from '../../../server/config/log-redaction.ts';

/** The lines fastify's logger (pino) with the server's redaction writes. */
function logged(write: (log: FastifyBaseLogger) => void): string {
  const lines: string[] = [];
  const fastify = Fastify({
    logger: { level: 'info', redact: LOG_REDACTION, stream: { write: (line: string) => lines.push(line) } },
  });
  write(fastify.log);
  return lines.join('');
}

describe('LOG_REDACTION', () => {
  test.each([
    { name: 'a verified shopper', obj: { shopper: { customerId: 'cust-9f1', email: 'a@example.jp' } } },
    { name: 'a customer id', obj: { customerId: 'cust-9f1' } },
    { name: 'a customer id one level down', obj: { escalation: { customerId: 'cust-9f1' } } },
    { name: 'a customer id two levels down', obj: { turn: { escalation: { customerId: 'cust-9f1' } } } },
    { name: 'a stored row', obj: { row: { customer_id: 'cust-9f1' } } },
  ])('censors $name passed to a log call by mistake', ({ obj }) => {
    const line = logged((log) => log.warn(obj, 'oops'));
    expect(line).toContain('[redacted]');
    expect(line).not.toContain('cust-9f1');
    expect(line).not.toContain('a@example.jp');
  });

  test("keeps a staff member's sign-in address (the audit trail)", () => {
    expect(logged((log) => log.warn({ email: 'staff@shop.example' }, 'console sign-in refused'))).toContain(
      'staff@shop.example',
    );
  });
});
