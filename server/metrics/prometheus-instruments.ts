/**
 * The server's metrics in a prom-client registry of their own (not the global one, so tests and several
 * apps in one process never share counts): Node's default process metrics (CPU, memory, GC, event-loop
 * lag), the chat's counters and latency histograms, and gauges read when scraped (the outbox from the
 * database, the live model version, the open sockets). docs/operations.md lists them.
 *
 * In a cluster (SERVER_PROCESSES > 1) the primary sums the workers' registries (cluster-metrics.ts); a
 * gauge every worker reads from the one database (the outbox) says how it is combined (`max`), so two
 * workers do not report twice the mail.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, type Registry } from 'prom-client';
import { DecisionSchema } from '../../bot/dialogue/types.ts';
import { CHAT_ERROR_CODES } from '../schemas/protocol.ts';
import type { OutboxStats } from '../storage/outbox-stats.ts';
import type { ChatChannel, ChatMetrics, CommitOperation, Instruments } from './instruments.ts';

/** Our metrics' name prefix; the default process metrics keep their standard names (`process_`, `nodejs_`). */
export const METRIC_PREFIX = 'shopbot_';

/** What the scrape-time gauges read. */
export interface ScrapeSources {
  /** The outbox now (a database query); a failure leaves the outbox gauges empty for that scrape. */
  outbox(): Promise<OutboxStats>;
  /** The live model's version id; null for a model without one (tests), undefined while none is live. */
  modelVersion(): string | null | undefined;
  /** Chat WebSockets open in this process. */
  openSockets(): number;
  /** The clock for ages (tests pass a fixed one). */
  now?: () => Date;
}

/** Latency buckets of the chat path, in seconds: sub-millisecond to a few seconds. */
const CHAT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
/** SMTP send and shop-system calls, in seconds. */
const REMOTE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
/** Queued → accepted by SMTP, in seconds: immediate to a day of retries. */
const MAIL_DELAY_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600, 24 * 3600];

const CHANNELS: readonly ChatChannel[] = ['widget', 'line'];
const DECISIONS = DecisionSchema.anyOf.map((literal) => literal.const);
const COMMIT_OPERATIONS: readonly CommitOperation[] = ['exchange', 'shopper', 'reply'];

/**
 * Registers every metric on `registry` and returns the instruments that feed them. Counters start at
 * zero for every known label value, so a rate is defined from the first scrape.
 */
export function createPrometheusInstruments(registry: Registry, sources: ScrapeSources): Instruments {
  const registers = [registry];
  const now = sources.now ?? (() => new Date());
  collectDefaultMetrics({ register: registry });

  const chatsOpened = new Counter({
    name: `${METRIC_PREFIX}chats_opened_total`,
    help: 'Conversations started (not resumed), by channel.',
    labelNames: ['channel'] as const,
    registers,
  });
  const messages = new Counter({
    name: `${METRIC_PREFIX}chat_messages_total`,
    help: "Shopper messages answered, by channel and the bot's decision.",
    labelNames: ['channel', 'decision'] as const,
    registers,
  });
  const chatErrors = new Counter({
    name: `${METRIC_PREFIX}chat_errors_total`,
    help: 'Error frames sent to shoppers, by channel and code (CHAT_ERR_INTERNAL is a server failure).',
    labelNames: ['channel', 'code'] as const,
    registers,
  });
  const prediction = new Histogram({
    name: `${METRIC_PREFIX}nlu_prediction_seconds`,
    help: 'Intent prediction time per shopper message, in seconds.',
    buckets: CHAT_BUCKETS,
    registers,
  });
  const commit = new Histogram({
    name: `${METRIC_PREFIX}storage_commit_seconds`,
    help: 'Transcript writes until durable (queue and group commit included), in seconds, by operation.',
    labelNames: ['operation'] as const,
    buckets: CHAT_BUCKETS,
    registers,
  });
  const httpErrors = new Counter({
    name: `${METRIC_PREFIX}http_server_errors_total`,
    help: 'HTTP requests answered with a 5xx status.',
    registers,
  });
  const mailSend = new Histogram({
    name: `${METRIC_PREFIX}mail_send_seconds`,
    help: 'SMTP sends accepted by the server, by duration in seconds.',
    buckets: REMOTE_BUCKETS,
    registers,
  });
  const mailDelay = new Histogram({
    name: `${METRIC_PREFIX}mail_delivery_delay_seconds`,
    help: 'Time from queueing a mail to its acceptance by the SMTP server, in seconds.',
    buckets: MAIL_DELAY_BUCKETS,
    registers,
  });
  const mailFailures = new Counter({
    name: `${METRIC_PREFIX}mail_failures_total`,
    help: 'Failed mail sends: retry (will be tried again) or failed (given up).',
    labelNames: ['outcome'] as const,
    registers,
  });
  const lineSends = new Counter({
    name: `${METRIC_PREFIX}line_sends_total`,
    help: 'Sends to LINE users, by method: reply (free) or push (counted against the paid message quota).',
    labelNames: ['method'] as const,
    registers,
  });
  const connectorCalls = new Counter({
    name: `${METRIC_PREFIX}connector_calls_total`,
    help: "Calls to the shop's systems (webhook, connector), by operation and outcome (ok or error code).",
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const connectorSeconds = new Histogram({
    name: `${METRIC_PREFIX}connector_call_seconds`,
    help: "Duration of calls to the shop's systems, in seconds, by operation.",
    labelNames: ['operation'] as const,
    buckets: REMOTE_BUCKETS,
    registers,
  });

  // Both outbox gauges come from one query per scrape: prom-client collects every metric at once, so the
  // second collect finds the first one's query still running and waits for the same answer.
  let outboxQuery: Promise<OutboxStats | undefined> | undefined;
  const outboxNow = (): Promise<OutboxStats | undefined> => {
    outboxQuery ??= sources
      .outbox()
      // No numbers rather than wrong ones: the series go absent and an alert on absence notices.
      .catch(() => undefined)
      .finally(() => {
        outboxQuery = undefined;
      });
    return outboxQuery;
  };
  new Gauge({
    name: `${METRIC_PREFIX}outbox_mails`,
    help: 'Outbox mails by status (pending, sending, failed), read from the database at scrape time.',
    labelNames: ['status'] as const,
    registers,
    aggregator: 'max',
    async collect() {
      this.reset();
      const stats = await outboxNow();
      if (!stats) return;
      this.set({ status: 'pending' }, stats.pending);
      this.set({ status: 'sending' }, stats.sending);
      this.set({ status: 'failed' }, stats.failed);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}outbox_oldest_unsent_age_seconds`,
    help: 'Age of the oldest pending or sending outbox mail, in seconds (0 when none waits, NaN when unreadable).',
    registers,
    aggregator: 'max',
    async collect() {
      const stats = await outboxNow();
      // A gauge without labels cannot go absent (reset() makes it 0, which would say "nothing waits").
      if (!stats) {
        this.set(Number.NaN);
        return;
      }
      const oldest = stats.oldestUnsentAt;
      this.set(oldest ? Math.max(0, (now().getTime() - oldest.getTime()) / 1000) : 0);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}model_info`,
    help: 'The live model: 1 with its version id as a label (`none` for a model without one).',
    labelNames: ['version'] as const,
    registers,
    aggregator: 'max',
    collect() {
      this.reset();
      const version = sources.modelVersion();
      if (version !== undefined) this.set({ version: version ?? 'none' }, 1);
    },
  });
  new Gauge({
    name: `${METRIC_PREFIX}chat_sockets_open`,
    help: 'Chat WebSockets open now.',
    registers,
    collect() {
      this.set(sources.openSockets());
    },
  });

  for (const channel of CHANNELS) chatsOpened.inc({ channel }, 0);
  for (const decision of DECISIONS) messages.inc({ channel: 'widget', decision }, 0);
  for (const code of CHAT_ERROR_CODES) chatErrors.inc({ channel: 'widget', code }, 0);
  for (const outcome of ['retry', 'failed'] as const) mailFailures.inc({ outcome }, 0);
  httpErrors.inc(0);

  const chatByChannel = new Map<ChatChannel, ChatMetrics>();
  const chatMetrics = (channel: ChatChannel): ChatMetrics => {
    // Label children resolved once per channel: a message costs an increment, not a label lookup.
    const opened = chatsOpened.labels({ channel });
    const byDecision = new Map(DECISIONS.map((d) => [d, messages.labels({ channel, decision: d })]));
    const byOperation = new Map(COMMIT_OPERATIONS.map((o) => [o, commit.labels({ operation: o })]));
    return {
      chatOpened: () => opened.inc(),
      messageAnswered: (decision) => byDecision.get(decision)?.inc(),
      chatError: (code) => chatErrors.inc({ channel, code }),
      predicted: (seconds) => prediction.observe(seconds),
      committed: (operation, seconds) => byOperation.get(operation)?.observe(seconds),
    };
  };

  return {
    chat(channel) {
      let metrics = chatByChannel.get(channel);
      if (!metrics) {
        metrics = chatMetrics(channel);
        chatByChannel.set(channel, metrics);
      }
      return metrics;
    },
    httpServerError: () => httpErrors.inc(),
    mailSent(sendSeconds, queuedSeconds) {
      mailSend.observe(sendSeconds);
      mailDelay.observe(queuedSeconds);
    },
    mailFailed: (outcome) => mailFailures.inc({ outcome }),
    connectorCall(operation, outcome, seconds) {
      connectorCalls.inc({ operation, outcome });
      connectorSeconds.observe({ operation }, seconds);
    },
    lineMessagesSent: (method) => lineSends.inc({ method }),
  };
}
