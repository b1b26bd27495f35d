/**
 * `npm run connector:check -- --url <base> --secret <secret> [--customer <id>] [--foreign-customer <id>]`:
 * runs the connector contract's conformance checks (server/connector/conformance-checks.ts) against a
 * shop's implementation and prints one line per check; exits 1 when any fails. The customers default to
 * the demo's (demo-taro, demo-hanako), which the reference connector also has. It skips one delivery of
 * the customer's: use test accounts.
 */
import { parseArgs } from 'node:util';
import { runConformanceChecks } from '../connector/conformance-checks.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    secret: { type: 'string' },
    customer: { type: 'string', default: 'demo-taro' },
    'foreign-customer': { type: 'string', default: 'demo-hanako' },
    'timeout-ms': { type: 'string', default: '10000' },
  },
});

if (!values.url || !values.secret) {
  process.stderr.write(
    'usage: npm run connector:check -- --url <base URL> --secret <secret> [--customer <id>] [--foreign-customer <id>]\n',
  );
  process.exit(2);
}

const results = await runConformanceChecks({
  url: values.url,
  secret: values.secret,
  customer: values.customer,
  ...(values['foreign-customer'] ? { foreignCustomer: values['foreign-customer'] } : {}),
  timeoutMs: Number(values['timeout-ms']),
});
for (const r of results)
  process.stdout.write(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}${r.detail ? ` — ${r.detail}` : ''}\n`);
const failed = results.filter((r) => !r.ok).length;
process.stdout.write(
  failed ? `${failed} of ${results.length} checks failed\n` : `all ${results.length} checks passed\n`,
);
process.exitCode = failed ? 1 : 0;
