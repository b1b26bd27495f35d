/**
 * npx tsx bench/shopper-token.ts [--tokens 20000] [--json]
 *
 * The cost of verifying one shopper token (docs/identity.md), as a chat connection pays it once at
 * `hello`: µs per verification (mean, p50, p99, and the CPU time this process spent per token) of HS256 tokens through the server's own verifier
 * (jose, the allow-list, required claims, the claim checks), and, for comparison, RS256 and ES256 with a
 * PEM public key. Each run signs `tokens` distinct tokens first (not timed), then verifies them one at a
 * time after a warm-up, then again with 32 in flight (µs of wall time per token: what verifications cost a
 * server that many shoppers connect to at once). Target (issue #19): ≤ 50 µs for HS256.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import {
  createShopperTokenVerifier,
  type ShopperTokenVerifier,
} from '../server/identity/shopper-token-verifier.ts';

const { values } = parseArgs({
  options: { tokens: { type: 'string', default: '20000' }, json: { type: 'boolean', default: false } },
});
const count = Math.max(100, Number(values.tokens));
const SECRET = 'bench-shopper-secret-0123456789-abcdefghijklmnop';

/** Signs `n` tokens for distinct customers, valid for an hour. */
async function tokens(n: number, alg: string, key: Uint8Array | KeyObject): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      await new SignJWT({ email: `shopper${i}@example.jp`, name: '山田 花子' })
        .setProtectedHeader({ alg })
        .setSubject(`demo-${i}`)
        .setAudience('shop-bot')
        .setIssuer('https://shop.example.jp')
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(key),
    );
  }
  return out;
}

/** µs per verification, one at a time. */
async function measure(verifier: ShopperTokenVerifier, list: string[]) {
  for (const token of list.slice(0, Math.min(1000, list.length))) await verifier.verify(token);
  const samples: number[] = [];
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const token of list) {
    const t0 = process.hrtime.bigint();
    const result = await verifier.verify(token);
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
    if (!result.ok) throw new Error(`bench token refused: ${result.code} ${result.reason}`);
  }
  const total = Number(process.hrtime.bigint() - started) / 1000;
  // CPU time of this process: on a busy machine wall-clock times include waiting for a core.
  const cpu = process.cpuUsage(cpuBefore);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return {
    meanUs: total / list.length,
    p50Us: at(0.5),
    p99Us: at(0.99),
    cpuUs: (cpu.user + cpu.system) / list.length,
    concurrentUs: await concurrently(verifier, list),
  };
}

/** Verifications a server sees at once when many shoppers connect together. */
const IN_FLIGHT = 32;

/**
 * µs of wall time per token with IN_FLIGHT verifications in flight: what a verification costs a busy
 * server. WebCrypto runs the signature check on libuv's thread pool, so one at a time each token also
 * waits for a thread hop (tens of µs on a VM) during which the event loop is free for other chats.
 */
async function concurrently(verifier: ShopperTokenVerifier, list: string[]): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  async function lane() {
    while (next < list.length) {
      const result = await verifier.verify(list[next++]!);
      if (!result.ok) throw new Error(`bench token refused: ${result.code} ${result.reason}`);
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return Number(process.hrtime.bigint() - started) / 1000 / list.length;
}

const claims = { audience: 'shop-bot', issuer: 'https://shop.example.jp' };
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString();
const runs = [
  {
    name: 'HS256',
    verifier: createShopperTokenVerifier({ secret: SECRET, ...claims })!,
    list: await tokens(count, 'HS256', new TextEncoder().encode(SECRET)),
  },
  {
    name: 'RS256 (2048)',
    verifier: createShopperTokenVerifier({ publicKey: pem(rsa.publicKey), ...claims })!,
    list: await tokens(Math.ceil(count / 10), 'RS256', rsa.privateKey),
  },
  {
    name: 'ES256',
    verifier: createShopperTokenVerifier({ publicKey: pem(ec.publicKey), ...claims })!,
    list: await tokens(Math.ceil(count / 10), 'ES256', ec.privateKey),
  },
];
const results = [];
for (const run of runs)
  results.push({ algorithm: run.name, tokens: run.list.length, ...(await measure(run.verifier, run.list)) });
if (values.json) {
  console.log(JSON.stringify({ node: process.version, results }, null, 2));
} else {
  console.log(`shopper token verification (Node ${process.version}), µs per token, one at a time`);
  for (const r of results) {
    console.log(
      `${r.algorithm.padEnd(13)} n=${String(r.tokens).padStart(6)}  mean ${r.meanUs.toFixed(1).padStart(6)}  p50 ${r.p50Us.toFixed(1).padStart(6)}  p99 ${r.p99Us.toFixed(1).padStart(6)}  cpu ${r.cpuUs.toFixed(1).padStart(6)}  ${IN_FLIGHT} in flight ${r.concurrentUs.toFixed(1).padStart(6)}`,
    );
  }
  const hs = results[0]!;
  console.log(
    `HS256 target ≤ 50 µs (p50): ${hs.p50Us <= 50 ? 'met' : 'MISSED'} (p50 ${hs.p50Us.toFixed(1)} µs; mean ${hs.meanUs.toFixed(1)} µs and CPU ${hs.cpuUs.toFixed(1)} µs per token on this machine; ${hs.concurrentUs.toFixed(1)} µs per token with ${IN_FLIGHT} in flight)`,
  );
}
