/**
 * Reads and validates configuration once at boot. A bad value throws ConfigError naming the variable or
 * the file and path, and server/main.ts prints it and exits 1.
 */
import fs from 'node:fs';
import { FormatRegistry } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { parse as parseYaml } from 'yaml';
import { validateCalendar } from '../../bot/calendar/validate-calendar.ts';
import { passwordProblem, passwordProblemMessage } from '../console/password-policy.ts';
import { ServerError } from '../errors.ts';
import { jwksUrlProblem, parsePublicKey, secretProblem } from '../identity/shopper-token-keys.ts';
import { compileMaskPatterns } from '../privacy/mask-text.ts';
import { type Env, EnvSchema } from './env-schema.ts';
import { parseAllowedOrigins, parseTrustProxy } from './network-options.ts';
import { businessCalendar } from './shop-calendar.ts';
import { type ShopConfig, ShopConfigSchema } from './shop-config-schema.ts';

if (!FormatRegistry.Has('email')) {
  // Deliberately simple: one @, no spaces or angle brackets; mail headers are re-validated when sent.
  FormatRegistry.Set('email', (v) => /^[^\s@<>()"]+@[^\s@<>()"]+\.[^\s@<>()"]+$/u.test(v));
}

/** Configuration that does not validate. `variable` names the env var or `file:path`. */
export class ConfigError extends ServerError {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super('CONFIG_ERR_INVALID', `${variable}: ${message}`);
  }
}

/** The whole validated configuration. */
export interface AppConfig {
  env: Env;
  shop: ShopConfig;
}

/**
 * Variables holding a secret (a password, or credentials inside a URL). A bad value is named but never
 * quoted: the message goes to stderr and from there into process logs.
 */
export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'CONSOLE_ADMIN_PASSWORD',
  'DATABASE_URL',
  'METRICS_TOKEN',
  'SMTP_URL',
  'SHOP_CONNECTOR_SECRET',
  'SHOPPER_TOKEN_SECRET',
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
]);

/** Validates environment variables (only the ones in EnvSchema are looked at). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const withDefaults = Value.Default(EnvSchema, Value.Convert(EnvSchema, picked));
  const first = [...Value.Errors(EnvSchema, withDefaults)][0];
  if (first) {
    const variable = first.path.replace(/^\//u, '') || 'environment';
    const got = SECRET_VARIABLES.has(variable)
      ? 'value not shown'
      : `got ${JSON.stringify(picked[variable] ?? null)}`;
    throw new ConfigError(variable, `${first.message} (${got})`);
  }
  const env = withDefaults as Env;
  // Combinations the schema cannot express.
  if (env.MAIL_RETRY_MAX_SECONDS < env.MAIL_RETRY_BASE_SECONDS) {
    throw new ConfigError('MAIL_RETRY_MAX_SECONDS', 'must not be less than MAIL_RETRY_BASE_SECONDS');
  }
  if (env.MAIL_LEASE_SECONDS <= env.MAIL_SEND_TIMEOUT_SECONDS) {
    // A lease that ends while a send may still be running would let a second attempt send it again.
    throw new ConfigError('MAIL_LEASE_SECONDS', 'must be greater than MAIL_SEND_TIMEOUT_SECONDS');
  }
  if (env.NODE_ENV === 'production' && !env.ALLOWED_ORIGINS) {
    // In production any web page could otherwise open chats in a shopper's browser (CSWSH).
    throw new ConfigError(
      'ALLOWED_ORIGINS',
      'is required when NODE_ENV=production (the shop origins, e.g. https://shop.example.jp)',
    );
  }
  const adminPasswordProblem =
    env.CONSOLE_ADMIN_PASSWORD === undefined ? undefined : passwordProblem(env.CONSOLE_ADMIN_PASSWORD);
  if (adminPasswordProblem) {
    throw new ConfigError('CONSOLE_ADMIN_PASSWORD', passwordProblemMessage(adminPasswordProblem));
  }
  if (env.CLIENT_LIMITS_STORE === 'postgres' && !env.DATABASE_URL) {
    throw new ConfigError(
      'CLIENT_LIMITS_STORE',
      'postgres needs DATABASE_URL (the counts live in that database)',
    );
  }
  if (env.SHOP_CONNECTOR_URL && !env.SHOP_CONNECTOR_SECRET) {
    // An unsigned connector would let anyone who finds the shop's endpoint read and change subscriptions.
    throw new ConfigError('SHOP_CONNECTOR_SECRET', 'is required with SHOP_CONNECTOR_URL');
  }
  if (Boolean(env.LINE_CHANNEL_SECRET) !== Boolean(env.LINE_CHANNEL_ACCESS_TOKEN)) {
    // Half a channel would either accept webhooks it cannot answer or answer nothing it could verify.
    const missing = env.LINE_CHANNEL_SECRET ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    const given = env.LINE_CHANNEL_SECRET ? 'LINE_CHANNEL_SECRET' : 'LINE_CHANNEL_ACCESS_TOKEN';
    throw new ConfigError(missing, `is required with ${given} (the LINE channel needs both, or neither)`);
  }
  if (env.LINE_LINK_LOGIN_URL && !env.PUBLIC_URL) {
    // The link sent on LINE, and the shop's return, point at this server: it must know its own address.
    throw new ConfigError(
      'PUBLIC_URL',
      'is required with LINE_LINK_LOGIN_URL (account linking links to this server)',
    );
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
    throw new ConfigError('METRICS_PORT', 'must differ from PORT (the metrics port is a separate listener)');
  }
  const shopperKeyProblem = shopperTokenProblem(env);
  if (shopperKeyProblem) throw new ConfigError(shopperKeyProblem.variable, shopperKeyProblem.problem);
  if (env.PUBLIC_URL) env.PUBLIC_URL = env.PUBLIC_URL.replace(/\/+$/u, '');
  for (const [variable, parse] of [
    ['ALLOWED_ORIGINS', parseAllowedOrigins],
    ['TRUST_PROXY', parseTrustProxy],
  ] as const) {
    const text = env[variable];
    const parsed = text === undefined ? undefined : parse(text);
    if (parsed && !parsed.ok) throw new ConfigError(variable, parsed.problem);
  }
  return env;
}

/**
 * The shopper-token keys (docs/identity.md): a secret too short to resist guessing, a public key that is
 * not one, an http JWKS URL, or two asymmetric sources at once (which one would decide?) stop the start.
 */
function shopperTokenProblem(env: Env): { variable: string; problem: string } | undefined {
  const secret = env.SHOPPER_TOKEN_SECRET === undefined ? undefined : secretProblem(env.SHOPPER_TOKEN_SECRET);
  if (secret) return { variable: 'SHOPPER_TOKEN_SECRET', problem: secret };
  const key =
    env.SHOPPER_TOKEN_PUBLIC_KEY === undefined ? undefined : parsePublicKey(env.SHOPPER_TOKEN_PUBLIC_KEY);
  if (key && !key.ok) return { variable: 'SHOPPER_TOKEN_PUBLIC_KEY', problem: key.problem };
  const jwks =
    env.SHOPPER_TOKEN_JWKS_URL === undefined ? undefined : jwksUrlProblem(env.SHOPPER_TOKEN_JWKS_URL);
  if (jwks) return { variable: 'SHOPPER_TOKEN_JWKS_URL', problem: jwks };
  if (key && env.SHOPPER_TOKEN_JWKS_URL !== undefined) {
    return {
      variable: 'SHOPPER_TOKEN_JWKS_URL',
      problem: 'set either SHOPPER_TOKEN_PUBLIC_KEY or this, not both',
    };
  }
  return undefined;
}

/** Validates a parsed shop config. */
export function parseShopConfig(data: unknown, file: string): ShopConfig {
  // Removed on purpose, named on purpose: a shop that relied on it must learn at boot, not in a chat.
  if (typeof data === 'object' && data !== null && 'subscriptionWebhook' in data) {
    throw new ConfigError(
      `${file}:/subscriptionWebhook`,
      'was removed: it carried out changes for whoever typed an order number; changes are now made for verified shoppers through the shop connector (docs/actions.md)',
    );
  }
  const withDefaults = Value.Default(ShopConfigSchema, structuredClone(data ?? {}));
  const first = [...Value.Errors(ShopConfigSchema, withDefaults)][0];
  if (first) throw new ConfigError(`${file}:${first.path || '/'}`, first.message);
  const shop = withDefaults as ShopConfig;
  try {
    new RegExp(shop.orderNumberPattern, 'u');
  } catch (error) {
    throw new ConfigError(`${file}:/orderNumberPattern`, (error as Error).message);
  }
  const masks = compileMaskPatterns(shop.privacy?.maskPatterns ?? []);
  if (!masks.ok) {
    const { index, pattern, message } = masks.problem;
    throw new ConfigError(
      `${file}:/privacy/maskPatterns/${index}`,
      `bad pattern ${JSON.stringify(pattern)}: ${message}`,
    );
  }
  const sizingProblem = shop.sizing && validateSizing(shop.sizing);
  if (sizingProblem) throw new ConfigError(`${file}:/sizing${sizingProblem.path}`, sizingProblem.message);
  // What the schema cannot say: real dates, ordered and disjoint spans, a zone Intl knows.
  const problem = validateCalendar(businessCalendar(shop))[0];
  if (problem) {
    const where = problem.path === '/timeZone' ? problem.path : `/calendar${problem.path}`;
    throw new ConfigError(`${file}:${where}`, problem.message);
  }
  return shop;
}

/** What the sizing schema cannot say: a range the steps divide, heights in ascending order. */
function validateSizing(
  sizing: NonNullable<ShopConfig['sizing']>,
): { path: string; message: string } | undefined {
  const { minCm, maxCm, stepCm } = sizing.shoes;
  if (maxCm < minCm) return { path: '/shoes/maxCm', message: 'must not be less than minCm' };
  const steps = (maxCm - minCm) / stepCm;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) {
    return { path: '/shoes/stepCm', message: `must divide the range ${minCm}–${maxCm} cm` };
  }
  for (let i = 1; i < sizing.apparel.length; i++) {
    if (sizing.apparel[i]!.upToHeightCm <= sizing.apparel[i - 1]!.upToHeightCm) {
      return {
        path: `/apparel/${i}/upToHeightCm`,
        message: "must be greater than the previous size's limit",
      };
    }
  }
  return undefined;
}

/** Reads the shop config file. */
export function readShopConfig(file: string): ShopConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(
      'SHOP_CONFIG',
      `cannot read ${file} (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError(file, `not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseShopConfig(data, file);
}

/** Env + shop config, validated. */
export function loadConfig(source: Record<string, string | undefined> = process.env): AppConfig {
  const env = parseEnv(source);
  return { env, shop: readShopConfig(env.SHOP_CONFIG) };
}
