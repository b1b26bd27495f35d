/**
 * A stand-in for the LINE platform on loopback, for tests and the benchmark: an HTTP server the SDK is
 * pointed at (LINE_API_BASE_URL) that records reply, push and loading-indicator calls and answers as LINE
 * does (a reply token works once and only while fresh, a push's X-Line-Retry-Key is accepted once: 409
 * after), with failures a test can ask for. And the other direction: webhook requests signed exactly as
 * LINE signs them (base64 HMAC-SHA256 of the raw body with the channel secret, in x-line-signature).
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The channel secret and token tests configure the app with. */
export const LINE_TEST_SECRET = 'line-test-channel-secret-0123456789';
export const LINE_TEST_TOKEN = 'line-test-channel-access-token';

/** One call the stand-in received. */
export interface LineCall {
  kind: 'reply' | 'push' | 'loading';
  /** The LINE user it went to (push: `to`; loading: `chatId`; reply: the user of the token). */
  to: string | undefined;
  body: Record<string, unknown>;
  /** Message texts, in order. */
  texts: string[];
  retryKey: string | undefined;
  authorization: string | undefined;
  /** The status the stand-in answered with. */
  status: number;
  at: number;
}

/** A LINE message as the stand-in reads it. */
interface SentMessage {
  type: string;
  text?: string;
  template?: { text?: string; actions?: { type: string; label?: string; uri?: string }[] };
  quickReply?: { items: { action: { label: string; data: string; displayText?: string } }[] };
}

/** The stand-in platform. */
export class LinePlatformStandIn {
  readonly calls: LineCall[] = [];
  private readonly usedTokens = new Set<string>();
  private readonly acceptedRetryKeys = new Set<string>();
  /** Reply token → LINE user id (set when a test makes an event), so replies can be told apart. */
  private readonly tokenUsers = new Map<string, string>();
  private readonly failures: { kind: LineCall['kind']; status: number }[] = [];
  private server: http.Server | undefined;
  /** Link token → the LINE user it was issued to; deleted when the dialog uses it. */
  private readonly linkTokens = new Map<string, string>();
  /** The accountLink events the dialog sent, and the bot's status for each. */
  readonly accountLinks: {
    lineUserId: string | undefined;
    result: 'ok' | 'failed';
    nonce: string;
    status: number;
  }[] = [];
  url = '';
  /** The bot's base URL: where the account-link dialog posts its webhook event. */
  botUrl = '';

  /** Starts listening on 127.0.0.1 (a free port). */
  async start(): Promise<this> {
    this.server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => this.handle(request, Buffer.concat(chunks), response));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The next `count` calls of `kind` fail with `status` (500: LINE is down; 400 on a reply: bad token). */
  failNext(kind: LineCall['kind'], status: number, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ kind, status });
  }

  /** Forgets the failures asked for and not yet used. */
  clearFailures(): void {
    this.failures.length = 0;
  }

  /** Remembers whose event a reply token belongs to (the event builders call it). */
  tokenFor(lineUserId: string): string {
    const token = randomUUID().replaceAll('-', '');
    this.tokenUsers.set(token, lineUserId);
    return token;
  }

  /** The accepted (2xx) reply and push calls, optionally to one user. */
  delivered(to?: string): LineCall[] {
    return this.calls.filter(
      (c) => c.kind !== 'loading' && c.status < 300 && (to === undefined || c.to === to),
    );
  }

  /** The link tokens issued and not yet used by the dialog. */
  issuedLinkTokens(): string[] {
    return [...this.linkTokens.keys()];
  }

  private handle(request: http.IncomingMessage, raw: Buffer, response: http.ServerResponse): void {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const issue = /^\/v2\/bot\/user\/([^/]+)\/linkToken$/u.exec(path);
    if (issue && request.method === 'POST') {
      const linkToken = randomUUID().replaceAll('-', '');
      this.linkTokens.set(linkToken, decodeURIComponent(issue[1]!));
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ linkToken }));
      return;
    }
    if (path === '/dialog/bot/accountLink' && request.method === 'GET') {
      void this.accountLinkDialog(new URL(request.url ?? '', this.url), response);
      return;
    }
    const kind =
      path === '/v2/bot/message/reply'
        ? 'reply'
        : path === '/v2/bot/message/push'
          ? 'push'
          : path === '/v2/bot/chat/loading/start'
            ? 'loading'
            : undefined;
    const send = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!kind || request.method !== 'POST') {
      send(404, { message: 'Not found' });
      return;
    }
    const body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
    const retryKey = request.headers['x-line-retry-key'];
    const call: LineCall = {
      kind,
      to:
        kind === 'push'
          ? String(body.to)
          : kind === 'loading'
            ? String(body.chatId)
            : this.tokenUsers.get(String(body.replyToken)),
      body,
      texts: ((body.messages as SentMessage[] | undefined) ?? []).map(
        (m) => m.text ?? m.template?.text ?? `[${m.type}]`,
      ),
      retryKey: typeof retryKey === 'string' ? retryKey : undefined,
      authorization: request.headers.authorization,
      status: 200,
      at: Date.now(),
    };
    this.calls.push(call);
    const failure = this.failures.findIndex((f) => f.kind === kind);
    if (failure !== -1) {
      call.status = this.failures.splice(failure, 1)[0]!.status;
      send(call.status, { message: 'stand-in failure' });
      return;
    }
    if (kind === 'reply') {
      const token = String(body.replyToken);
      if (this.usedTokens.has(token) || !this.tokenUsers.has(token)) {
        call.status = 400;
        send(400, { message: 'Invalid reply token' });
        return;
      }
      this.usedTokens.add(token);
    }
    if (kind === 'push' && call.retryKey) {
      if (this.acceptedRetryKeys.has(call.retryKey)) {
        call.status = 409;
        send(409, { message: 'The retry key is already accepted' });
        return;
      }
      this.acceptedRetryKeys.add(call.retryKey);
    }
    if (kind === 'loading') {
      call.status = 202;
      send(202, {});
      return;
    }
    send(200, { sentMessages: [] });
  }

  /**
   * The account-link dialog: as LINE, it checks the link token, then sends the bot the accountLink
   * event (signed) for the token's user, with the nonce the bot put in the URL.
   */
  private async accountLinkDialog(url: URL, response: http.ServerResponse): Promise<void> {
    const linkToken = url.searchParams.get('linkToken') ?? '';
    const nonce = url.searchParams.get('nonce') ?? '';
    const tokens = this.linkTokens;
    const lineUserId = tokens.get(linkToken);
    tokens.delete(linkToken);
    const result = lineUserId !== undefined && nonce.length >= 10 ? 'ok' : 'failed';
    const event = {
      type: 'accountLink',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId: lineUserId ?? 'Uunknown' },
      webhookEventId: `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
      deliveryContext: { isRedelivery: false },
      replyToken: this.tokenFor(lineUserId ?? 'Uunknown'),
      link: { result, nonce },
    };
    const posted = await postWebhook(this.botUrl, [event]);
    this.accountLinks.push({ lineUserId, result, nonce, status: posted.status });
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      .end(`<!doctype html><title>LINE</title><p id="result">${result}</p>`);
  }
}

/** The URIs of the link buttons (buttons templates) in a call's messages. */
export function linkUrisOf(call: LineCall): string[] {
  return ((call.body.messages as SentMessage[] | undefined) ?? []).flatMap((m) =>
    (m.template?.actions ?? []).flatMap((a) => (a.type === 'uri' && a.uri ? [a.uri] : [])),
  );
}

/** Quick-reply labels and data of a call's first message. */
export function quickRepliesOf(call: LineCall): { label: string; data: string }[] {
  const first = (call.body.messages as SentMessage[] | undefined)?.[0];
  return (first?.quickReply?.items ?? []).map((i) => ({ label: i.action.label, data: i.action.data }));
}

/** The x-line-signature LINE puts on `body`. */
export function lineSignature(body: string, secret: string = LINE_TEST_SECRET): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}

/** Posts a webhook request as LINE does; `signature` overrides the real one (forgeries). */
export async function postWebhook(
  appUrl: string,
  events: object[],
  options: { signature?: string | null; secret?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify({ destination: 'Uaccount', events });
  const signature = options.signature === undefined ? lineSignature(body, options.secret) : options.signature;
  const response = await fetch(`${appUrl}/line/webhook`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'x-line-signature': signature }),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Fields every event builder takes. */
export interface EventOptions {
  /** LINE's event time, ms (default: now). */
  timestamp?: number;
  webhookEventId?: string;
  isRedelivery?: boolean;
}

function base(platform: LinePlatformStandIn, userId: string, type: string, options: EventOptions) {
  return {
    type,
    mode: 'active',
    timestamp: options.timestamp ?? Date.now(),
    source: { type: 'user', userId },
    webhookEventId: options.webhookEventId ?? `01${randomUUID().replaceAll('-', '').toUpperCase()}`,
    deliveryContext: { isRedelivery: options.isRedelivery ?? false },
    replyToken: platform.tokenFor(userId),
  };
}

/** A text message event. */
export function textEvent(
  platform: LinePlatformStandIn,
  userId: string,
  text: string,
  options: EventOptions = {},
): Record<string, unknown> {
  return {
    ...base(platform, userId, 'message', options),
    message: { type: 'text', id: randomUUID(), quoteToken: randomUUID(), text },
  };
}

/** A follow (friend added) event. */
export function followEvent(
  platform: LinePlatformStandIn,
  userId: string,
  options: EventOptions = {},
): Record<string, unknown> {
  return { ...base(platform, userId, 'follow', options), follow: { isUnblocked: false } };
}

/** An unfollow (blocked) event: it has no reply token. */
export function unfollowEvent(
  platform: LinePlatformStandIn,
  userId: string,
  options: EventOptions = {},
): Record<string, unknown> {
  const { replyToken: _none, ...event } = base(platform, userId, 'unfollow', options);
  return event;
}

/** A sticker message event. */
export function stickerEvent(
  platform: LinePlatformStandIn,
  userId: string,
  options: EventOptions = {},
): Record<string, unknown> {
  return {
    ...base(platform, userId, 'message', options),
    message: {
      type: 'sticker',
      id: randomUUID(),
      packageId: '446',
      stickerId: '1988',
      stickerResourceType: 'STATIC',
    },
  };
}

/** A postback event (a pressed quick-reply button) with `data`. */
export function postbackEvent(
  platform: LinePlatformStandIn,
  userId: string,
  data: string,
  options: EventOptions = {},
): Record<string, unknown> {
  return { ...base(platform, userId, 'postback', options), postback: { data } };
}

/** The env that turns the app's LINE channel on, pointed at `platform`. */
export function lineEnv(platform: LinePlatformStandIn): Record<string, string> {
  return {
    LINE_CHANNEL_SECRET: LINE_TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: LINE_TEST_TOKEN,
    LINE_API_BASE_URL: platform.url,
    LINE_DATA_API_BASE_URL: platform.url,
  };
}
