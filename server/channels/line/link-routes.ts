/**
 * The bot's account-link pages (docs/line.md#account-linking), between LINE and the shop's sign-in:
 *
 *   GET  /line/link?linkToken=…   the URL the LINE user opens (sent in the link offer): a link token this
 *                                 bot issued, unexpired and unused, is passed on to the shop's sign-in
 *                                 (302 to LINE_LINK_LOGIN_URL?linkToken=…); anything else: an error page.
 *   POST /line/link/complete      what the shop's page posts after sign-in (a form: linkToken, shopper =
 *                                 the shopper token the widget would get): the token is verified as the
 *                                 widget's is; then a one-time nonce is stored for the customer and the
 *                                 browser sent to LINE's account-link dialog, which sends the bot the
 *                                 accountLink event. A refused token or link token: an error page in
 *                                 Japanese (English for browsers that ask for it), and nothing stored.
 *
 * The shopper token travels in a POST body, never in a URL (logs, history). The pages say nothing about
 * why beyond the code's sentence; the log has the reason, never the token or the customer id.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ShopperTokenVerifier } from '../../identity/shopper-token-verifier.ts';
import { escapeHtml } from '../../mail/build-handoff-mail.ts';
import type { Locale } from '../../storage/repository.ts';
import type { LineLinkStore } from './line-link-store.ts';
import type { LineLinkOptions } from './line-options.ts';
import { type LineTextKey, lineText } from './line-texts.ts';

/** Options of the link routes. */
export interface LinkRoutesOptions {
  link: LineLinkOptions;
  links: Pick<LineLinkStore, 'usable' | 'vouch'>;
  /** Undefined: no key is configured, every token is refused. */
  shopperTokens: ShopperTokenVerifier | undefined;
  now(): Date;
}

/** Error codes of the link pages (stable; the page shows their sentence). */
export type LinkPageErrorCode =
  | 'LINE_ERR_LINK_TOKEN_INVALID'
  | 'LINE_ERR_SHOPPER_TOKEN_INVALID'
  | 'LINE_ERR_SHOPPER_TOKEN_EXPIRED';

const SENTENCE: Record<LinkPageErrorCode, LineTextKey> = {
  LINE_ERR_LINK_TOKEN_INVALID: 'pageLinkInvalid',
  LINE_ERR_SHOPPER_TOKEN_INVALID: 'pageTokenInvalid',
  LINE_ERR_SHOPPER_TOKEN_EXPIRED: 'pageTokenExpired',
};

/** LINE's link tokens are short opaque strings; anything longer is not one. */
const MAX_LINK_TOKEN = 256;
/** A shopper token longer than this is refused unread (the widget's frame limit is of this order). */
const MAX_SHOPPER_TOKEN = 8192;

/** English only for a browser that prefers it; Japanese otherwise. */
function localeOf(request: FastifyRequest): Locale {
  const accept = String(request.headers['accept-language'] ?? '').toLowerCase();
  return accept.startsWith('en') ? 'en' : 'ja';
}

/** The error page: a small HTML document, no script, not cached. */
function sendErrorPage(reply: FastifyReply, locale: Locale, code: LinkPageErrorCode): FastifyReply {
  const title = escapeHtml(lineText(locale, 'pageTitle'));
  const sentence = escapeHtml(lineText(locale, SENTENCE[code]));
  return reply
    .code(400)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#222}h1{font-size:1.25rem}</style></head><body><h1>${title}</h1><p>${sentence}</p><p><small>${code}</small></p></body></html>`,
    );
}

/** A redirect that leaks nothing to the next page. */
function redirect(reply: FastifyReply, url: string): FastifyReply {
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .redirect(url, 302);
}

const linkRoutes: FastifyPluginAsync<LinkRoutesOptions> = async (fastify, options) => {
  // The shop's page posts an HTML form (this plugin's own parser; encapsulated).
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  fastify.get<{ Querystring: { linkToken?: string } }>(
    '/line/link',
    { schema: { hide: true }, logLevel: 'warn' },
    async (request, reply) => {
      const linkToken = typeof request.query.linkToken === 'string' ? request.query.linkToken : '';
      if (
        !linkToken ||
        linkToken.length > MAX_LINK_TOKEN ||
        !(await options.links.usable(linkToken, options.now()))
      ) {
        return sendErrorPage(reply, localeOf(request), 'LINE_ERR_LINK_TOKEN_INVALID');
      }
      const login = new URL(options.link.loginUrl);
      login.searchParams.set('linkToken', linkToken);
      return redirect(reply, login.toString());
    },
  );

  fastify.post<{ Body: Record<string, unknown> | undefined }>(
    '/line/link/complete',
    { schema: { hide: true }, logLevel: 'warn' },
    async (request, reply) => {
      const locale = localeOf(request);
      const body = request.body && typeof request.body === 'object' ? request.body : {};
      const linkToken = typeof body.linkToken === 'string' ? body.linkToken : '';
      const token = typeof body.shopper === 'string' ? body.shopper : '';
      if (!linkToken || linkToken.length > MAX_LINK_TOKEN) {
        return sendErrorPage(reply, locale, 'LINE_ERR_LINK_TOKEN_INVALID');
      }
      const verified =
        options.shopperTokens && token && token.length <= MAX_SHOPPER_TOKEN
          ? await options.shopperTokens.verify(token)
          : undefined;
      if (!verified?.ok) {
        const code =
          verified?.code === 'CHAT_ERR_SHOPPER_TOKEN_EXPIRED'
            ? 'LINE_ERR_SHOPPER_TOKEN_EXPIRED'
            : 'LINE_ERR_SHOPPER_TOKEN_INVALID';
        request.log.warn(
          { code, reason: verified && !verified.ok ? verified.reason : 'no token or no key' },
          'LINE link: shopper token refused',
        );
        return sendErrorPage(reply, locale, code);
      }
      const nonce = await options.links.vouch(linkToken, verified.shopper, options.now());
      if (!nonce) return sendErrorPage(reply, locale, 'LINE_ERR_LINK_TOKEN_INVALID');
      const dialog = new URL(`${options.link.accessBaseUrl}/dialog/bot/accountLink`);
      dialog.searchParams.set('linkToken', linkToken);
      dialog.searchParams.set('nonce', nonce);
      return redirect(reply, dialog.toString());
    },
  );
};

export default linkRoutes;
