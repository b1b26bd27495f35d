/**
 * One PostgreSQL connection that LISTENs on a channel and keeps listening: when the connection drops it
 * reconnects, waiting RECONNECT_MIN_MS at first and twice as long after each failed attempt, up to
 * RECONNECT_MAX_MS. It is a dedicated `pg.Client`, not one of the storage's pool: LISTEN belongs to one
 * session, and the pool hands sessions out and takes them back. Notifications sent while no connection
 * listens are lost; `onConnected` runs after every (re)connect so the caller can catch up.
 *
 * NOTIFY channels belong to the database, while deployments may share one database in separate schemas;
 * so the listener reads each connection's `current_schema()` (before LISTEN, so that no notification
 * arrives without it) and hands it along with every notification, for the caller to match its payload.
 */
import pg from 'pg';

const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/** What the listener reports. */
export interface PgListenerLog {
  warn(obj: object, msg: string): void;
}

/** One notification on the channel, as heard by the listening connection. */
export interface PgListenerNotification {
  /** The NOTIFY payload; undefined when none was sent. */
  payload: string | undefined;
  /** `current_schema()` of the connection that heard it (undefined if the search_path names none). */
  schema: string | undefined;
}

/** Options of `pgListener`. */
export interface PgListenerOptions {
  /** Connection string of the dedicated connection (DATABASE_URL, search_path included). */
  databaseUrl: string;
  /** The channel to LISTEN on: a constant SQL identifier, sent unquoted. */
  channel: string;
  /** Names the listener in the log: "<name> connection lost; reconnecting", "<name> could not connect". */
  name: string;
  /**
   * What the caller relies on until the first connection succeeds, logged as
   * "<name> could not connect; <fallback>" when the first attempt fails ('retrying', say).
   */
  fallback: string;
  log: PgListenerLog;
  /** Called for each notification on `channel`; must not throw. */
  onNotification(notification: PgListenerNotification): void;
  /**
   * Runs after each (re)connect, once LISTEN is in place: what was sent meanwhile was missed. When it
   * rejects, the attempt counts as failed (logged, and retried after the backoff).
   */
  onConnected?(): Promise<void>;
}

/** A running listener. */
export interface PgListener {
  /** Ends the connection and any reconnecting. */
  close(): Promise<void>;
}

/** Connects and LISTENs; resolves once listening, or once the first attempt failed and a retry is set. */
export async function pgListener(options: PgListenerOptions): Promise<PgListener> {
  const { databaseUrl, channel, name, fallback, log, onNotification, onConnected } = options;
  let client: pg.Client | undefined;
  let closing = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: databaseUrl });
    next.on('error', () => {}); // Reported through 'end' below; an unhandled 'error' would crash.
    next.on('end', () => {
      if (closing || client !== next) return;
      client = undefined;
      log.warn({ retryInMs: delay }, `${name} connection lost; reconnecting`);
      schedule();
    });
    try {
      await next.connect();
      const schema = (await next.query<{ schema: string }>('select current_schema() as schema')).rows[0]
        ?.schema;
      next.on('notification', (message) => {
        if (message.channel !== channel) return;
        onNotification({ payload: message.payload, schema });
      });
      await next.query(`LISTEN ${channel}`);
      // Closed while this attempt was under way: nobody will end this connection later.
      if (closing) throw new Error(`${name} closed while connecting`);
      client = next;
      delay = RECONNECT_MIN_MS;
      await onConnected?.();
    } catch (error) {
      // A failed attempt leaves no connection behind: the retry opens a new one.
      if (client === next) client = undefined;
      await next.end().catch(() => {});
      if (closing) return;
      throw error;
    }
  };

  const schedule = (): void => {
    if (closing) return;
    timer = setTimeout(() => {
      connect().catch((error: unknown) => {
        log.warn({ err: error }, `${name} could not connect`);
        delay = Math.min(delay * 2, RECONNECT_MAX_MS);
        schedule();
      });
    }, delay);
    // A pending retry must not keep the process alive.
    timer.unref();
  };

  try {
    await connect();
  } catch (error) {
    log.warn({ err: error }, `${name} could not connect; ${fallback}`);
    schedule();
  }

  return {
    async close() {
      closing = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
