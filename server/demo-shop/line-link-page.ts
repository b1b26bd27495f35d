/**
 * The demo shop's sign-in for LINE account linking (docs/line.md#account-linking), what a real shop
 * builds once: GET /demo-shop/line-link?linkToken=… shows the demo customers to sign in as (the demo has
 * no passwords); choosing one signs that customer's shopper token, exactly as the demo sign-in does, and
 * answers a page that posts the link token and the shopper token to the bot's /line/link/complete (the
 * shopper token travels in a POST body, never in a URL). Only registered while the demo is on.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { escapeHtml } from '../mail/build-handoff-mail.ts';
import { DEMO_CUSTOMER_IDS } from './demo-data.ts';
import type { DemoTokenClaims } from './demo-mode.ts';
import type { DemoShopStore } from './demo-shop-store.ts';
import { signDemoToken } from './demo-token.ts';

/** Options of the page. */
export interface LineLinkPageOptions {
  store: DemoShopStore;
  tokenSecret: string;
  tokenClaims?: DemoTokenClaims;
  now: () => Date;
}

/** Where the bot takes the shop's vouching (server/channels/line/link-routes.ts). */
const COMPLETE_PATH = '/line/link/complete';

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.7;color:#222}h1{font-size:1.25rem}button{display:block;width:100%;margin:.5rem 0;padding:.75rem;font-size:1rem;border:1px solid #06c755;border-radius:.5rem;background:#fff;cursor:pointer}button:hover{background:#eafaf0}';

function page(reply: FastifyReply, body: string, scriptNonce?: string): FastifyReply {
  const script = scriptNonce ? ` script-src 'nonce-${scriptNonce}';` : '';
  return reply
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline';${script}`)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>デモショップ ログイン（LINE連携）</title><style>${STYLE}</style></head><body>${body}</body></html>`,
    );
}

const lineLinkPage: FastifyPluginAsync<LineLinkPageOptions> = async (fastify, options) => {
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  fastify.get<{ Querystring: { linkToken?: string } }>('/line-link', async (request, reply) => {
    const linkToken = String(request.query.linkToken ?? '');
    const customers = await Promise.all(DEMO_CUSTOMER_IDS.map((id) => options.store.customer(id)));
    const buttons = customers
      .flatMap((c) =>
        c
          ? [
              `<button type="submit" name="customerId" value="${escapeHtml(c.id)}">${escapeHtml(c.name)} としてログイン</button>`,
            ]
          : [],
      )
      .join('');
    return page(
      reply,
      `<h1>デモショップにログイン</h1><p>LINEアカウントと連携するデモ顧客を選んでください。</p><form method="post" action="line-link"><input type="hidden" name="linkToken" value="${escapeHtml(linkToken)}">${buttons}</form>`,
    );
  });

  fastify.post<{ Body: Record<string, unknown> | undefined }>('/line-link', async (request, reply) => {
    const body = request.body ?? {};
    const customer =
      typeof body.customerId === 'string' ? await options.store.customer(body.customerId) : undefined;
    if (!customer)
      return reply.code(404).send({ code: 'DEMO_SHOP_ERR_NOT_FOUND', message: 'no such demo customer' });
    const token = await signDemoToken(customer, options.tokenSecret, options.now(), options.tokenClaims);
    const linkToken = typeof body.linkToken === 'string' ? body.linkToken : '';
    const nonce = randomBytes(16).toString('base64');
    return page(
      reply,
      `<h1>LINEに戻ります…</h1><form id="complete" method="post" action="${COMPLETE_PATH}"><input type="hidden" name="linkToken" value="${escapeHtml(linkToken)}"><input type="hidden" name="shopper" value="${escapeHtml(token)}"><button type="submit">LINEアカウントと連携する</button></form><script nonce="${nonce}">document.getElementById('complete').submit();</script>`,
      nonce,
    );
  });
};

export default lineLinkPage;
