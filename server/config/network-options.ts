/**
 * The network-facing env vars whose shape a TypeBox string cannot express: ALLOWED_ORIGINS (a list of
 * browser origins) and TRUST_PROXY (fastify's `trustProxy`). Pure: each returns the parsed value or a
 * problem sentence; load-config.ts turns a problem into a ConfigError naming the variable.
 */
import net from 'node:net';

/** A parse result: the value, or why the text is refused. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

/**
 * `https://shop.example.jp, http://localhost:8080` → the origins as browsers send them in the `Origin`
 * header (scheme://host[:port], lower case, default ports dropped). A path, query, user info or a
 * scheme other than http(s) is refused: it would never match an Origin header and would hide a typo.
 */
export function parseAllowedOrigins(text: string): Parsed<string[]> {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) return { ok: false, problem: 'lists no origin' };
  const origins: string[] = [];
  for (const entry of entries) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return {
        ok: false,
        problem: `${JSON.stringify(entry)} is not an origin such as https://shop.example.jp`,
      };
    }
    if (
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      url.username ||
      url.password ||
      url.search ||
      url.hash ||
      url.pathname !== '/'
    ) {
      return {
        ok: false,
        problem: `${JSON.stringify(entry)} is not an origin (scheme://host[:port], no path) such as https://shop.example.jp`,
      };
    }
    origins.push(url.origin);
  }
  return { ok: true, value: origins };
}

/** fastify's `trustProxy`: a boolean, or the addresses/CIDRs of the trusted proxies. */
export type TrustProxy = boolean | string[];

/**
 * `true`, `false`, or comma-separated addresses and CIDRs (`10.0.0.0/8, ::1`). A hop count is refused:
 * fastify 5 ignores it (it cannot check the immediate peer, so it fails closed), which would silently
 * count every shopper behind the proxy as one IP.
 */
export function parseTrustProxy(text: string): Parsed<TrustProxy> {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'true') return { ok: true, value: true };
  if (trimmed === 'false') return { ok: true, value: false };
  if (/^\d+$/u.test(trimmed)) {
    return {
      ok: false,
      problem: `a hop count (${trimmed}) is not supported; list the proxy addresses or CIDRs (10.0.0.0/8), or true`,
    };
  }
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = net.isIP(address ?? '');
    const maxBits = family === 6 ? 128 : 32;
    const badBits = bits !== undefined && (!/^\d+$/u.test(bits) || Number(bits) > maxBits);
    if (family === 0 || badBits || extra !== undefined) {
      return {
        ok: false,
        problem: `${JSON.stringify(entry)} is not true, false or an IP address/CIDR`,
      };
    }
  }
  if (entries.length === 0) return { ok: false, problem: 'is empty' };
  return { ok: true, value: entries };
}

/** Whether a browser page at `origin` may open the chat socket; no list means every origin may. */
export function originAllowed(
  origin: string | undefined,
  allowed: readonly string[] | undefined,
  ownOrigin: string,
): boolean {
  // Non-browser clients send no Origin; CSWSH needs a browser, which always sends one on a handshake.
  if (origin === undefined || allowed === undefined) return true;
  const normalized = origin.toLowerCase();
  return normalized === ownOrigin.toLowerCase() || allowed.some((o) => o.toLowerCase() === normalized);
}

/** The origins of a validated ALLOWED_ORIGINS. */
export function allowedOrigins(text: string): string[] {
  const parsed = parseAllowedOrigins(text);
  if (!parsed.ok) throw new Error(`ALLOWED_ORIGINS: ${parsed.problem}`);
  return parsed.value;
}

/** fastify's `trustProxy` for a validated TRUST_PROXY; unset trusts no proxy. */
export function trustProxyOption(text: string | undefined): TrustProxy {
  if (text === undefined) return false;
  const parsed = parseTrustProxy(text);
  if (!parsed.ok) throw new Error(`TRUST_PROXY: ${parsed.problem}`);
  return parsed.value;
}
