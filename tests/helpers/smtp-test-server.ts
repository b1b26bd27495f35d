/**
 * A real SMTP server on loopback (the `smtp-server` package) whose behaviour tests switch at run time:
 * accept mail, answer 421 to every MAIL FROM, hold a message without ever answering (a send in flight),
 * or be stopped so connections are refused, then started again on the same port. Received mail is
 * decoded just enough to assert on (headers, encoded words, base64 / quoted-printable parts).
 */
import { SMTPServer } from 'smtp-server';

/** How the server treats the next messages. */
export type SmtpMode = 'accept' | 'reject-421' | 'hang';

/** One accepted message. */
export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  /** Lower-case header name → decoded value (first occurrence). */
  headers: Record<string, string>;
  text: string;
  html: string;
}

/** An SMTP error with the reply code smtp-server sends. */
function smtpError(code: number, text: string): Error {
  return Object.assign(new Error(text), { responseCode: code });
}

/** Decodes RFC 2047 encoded words (adjacent ones join without the space between them). */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/gu, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/gu, (_, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/gu, ' ')),
    );
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const source = text.replace(/=\r?\n/gu, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/u.test(source.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/gu, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] ??= decodeWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(headers: Record<string, string>, body: string): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/gu, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** Splits a raw message into headers and its text/plain and text/html parts. */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'text' | 'html'> {
  const split = raw.indexOf('\r\n\r\n');
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split + 4);
  const parts: { headers: Record<string, string>; body: string }[] = [];
  const boundary = /boundary="?([^";]+)"?/u.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const at = chunk.indexOf('\r\n\r\n');
      parts.push({ headers: parseHeaders(chunk.slice(0, at).trim()), body: chunk.slice(at + 4) });
    }
  } else {
    parts.push({ headers, body });
  }
  const part = (type: string) => {
    const found = parts.find((p) => (p.headers['content-type'] ?? '').startsWith(type));
    return found ? decodeBody(found.headers, found.body) : '';
  };
  return { headers, text: part('text/plain'), html: part('text/html') };
}

/** The test SMTP server. */
export class TestSmtpServer {
  /** What the server does with the next transaction. */
  mode: SmtpMode = 'accept';
  readonly received: ReceivedMail[] = [];
  /** MAIL FROM commands answered with 421. */
  rejections = 0;
  /** Messages held in `hang` mode (never answered). */
  hung = 0;
  private server: SMTPServer | undefined;
  private waiters: (() => void)[] = [];

  private constructor(public port: number) {}

  /** Starts a server on a free loopback port. */
  static async start(): Promise<TestSmtpServer> {
    const server = new TestSmtpServer(0);
    await server.listen();
    return server;
  }

  /** `smtp://127.0.0.1:<port>` (no TLS, no auth: loopback only). */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Listens again on the same port after `stop()`. */
  async listen(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 200,
      onMailFrom: (_address, _session, callback) => {
        if (this.mode !== 'reject-421') return callback();
        this.rejections++;
        this.notify();
        callback(smtpError(421, 'Service not available, try again later'));
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.mode === 'hang') {
            // Never answer: the client waits, as with a server stuck mid-transaction.
            this.hung++;
            this.notify();
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          this.received.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            raw,
            ...parseMail(raw),
          });
          this.notify();
          callback();
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve) => {
      const net = server.listen(this.port, '127.0.0.1', () => {
        const address = net.address();
        if (typeof address === 'object' && address) this.port = address.port;
        resolve();
      });
    });
    this.server = server;
  }

  /** Stops listening: new connections are refused until `listen()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves once `condition()` holds (checked on every server event), or rejects after `timeoutMs`. */
  until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SMTP server: timed out waiting for ${what}`)),
        timeoutMs,
      );
      const check = () => {
        if (condition()) {
          clearTimeout(timer);
          resolve();
        } else {
          this.waiters.push(check);
        }
      };
      check();
    });
  }
}
