/**
 * The prom-client side of the instruments: what a module reports shows up under the documented names and
 * labels; counters start at zero for every known label; the outbox gauges come from one query per scrape
 * and go absent (not stale) when it fails; the model gauge names the live version.
 */
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  createPrometheusInstruments,
  type ScrapeSources,
} from '../../../server/metrics/prometheus-instruments.ts';
import type { OutboxStats } from '../../../server/storage/outbox-stats.ts';
import { sampleValue } from '../../helpers/prometheus-text.ts';

const NOW = new Date('2026-12-03T12:00:00Z');

function setUp(overrides: Partial<ScrapeSources> = {}) {
  const registry = new Registry();
  let outboxQueries = 0;
  const instruments = createPrometheusInstruments(registry, {
    outbox: async (): Promise<OutboxStats> => {
      outboxQueries += 1;
      return { pending: 3, sending: 1, failed: 2, oldestUnsentAt: new Date(NOW.getTime() - 90_000) };
    },
    modelVersion: () => 'version-7',
    openSockets: () => 5,
    now: () => NOW,
    ...overrides,
  });
  return { registry, instruments, outboxQueries: () => outboxQueries };
}

describe('createPrometheusInstruments', () => {
  it('records chat events under their channel, decision, code and operation', async () => {
    const { registry, instruments } = setUp();
    const chat = instruments.chat('widget');
    chat.chatOpened();
    chat.messageAnswered('clarify');
    chat.messageAnswered('clarify');
    chat.chatError('CHAT_ERR_INTERNAL');
    chat.predicted(0.002);
    chat.committed('exchange', 0.004);
    instruments.connectorCall('connector.orders', 'CONNECTOR_ERR_TIMEOUT', 5);
    instruments.mailSent(0.3, 12);
    instruments.mailFailed('failed');
    instruments.httpServerError();
    const text = await registry.metrics();
    expect(sampleValue(text, 'shopbot_chats_opened_total', { channel: 'widget' })).toBe(1);
    expect(sampleValue(text, 'shopbot_chats_opened_total', { channel: 'line' })).toBe(0);
    expect(sampleValue(text, 'shopbot_chat_messages_total', { decision: 'clarify' })).toBe(2);
    expect(sampleValue(text, 'shopbot_chat_messages_total', { decision: 'answer' })).toBe(0);
    expect(sampleValue(text, 'shopbot_chat_errors_total', { code: 'CHAT_ERR_INTERNAL' })).toBe(1);
    expect(sampleValue(text, 'shopbot_nlu_prediction_seconds_bucket', { le: '0.0025' })).toBe(1);
    expect(sampleValue(text, 'shopbot_storage_commit_seconds_count', { operation: 'exchange' })).toBe(1);
    expect(
      sampleValue(text, 'shopbot_connector_calls_total', {
        operation: 'connector.orders',
        outcome: 'CONNECTOR_ERR_TIMEOUT',
      }),
    ).toBe(1);
    expect(sampleValue(text, 'shopbot_mail_delivery_delay_seconds_bucket', { le: '15' })).toBe(1);
    expect(sampleValue(text, 'shopbot_mail_failures_total', { outcome: 'failed' })).toBe(1);
    expect(sampleValue(text, 'shopbot_mail_failures_total', { outcome: 'retry' })).toBe(0);
    expect(sampleValue(text, 'shopbot_http_server_errors_total')).toBe(1);
  });

  it('reads the outbox once per scrape for both of its gauges', async () => {
    const { registry, outboxQueries } = setUp();
    const text = await registry.metrics();
    expect(outboxQueries()).toBe(1);
    expect(sampleValue(text, 'shopbot_outbox_mails', { status: 'pending' })).toBe(3);
    expect(sampleValue(text, 'shopbot_outbox_mails', { status: 'failed' })).toBe(2);
    expect(sampleValue(text, 'shopbot_outbox_oldest_unsent_age_seconds')).toBe(90);
    await registry.metrics();
    expect(outboxQueries()).toBe(2);
  });

  it('leaves the outbox counts out and the age NaN when the query fails, instead of old numbers', async () => {
    let failing = false;
    const { registry } = setUp({
      outbox: async () => {
        if (failing) throw new Error('database is locked');
        return { pending: 1, sending: 0, failed: 0, oldestUnsentAt: null };
      },
    });
    expect(sampleValue(await registry.metrics(), 'shopbot_outbox_mails', { status: 'pending' })).toBe(1);
    failing = true;
    const text = await registry.metrics();
    expect(sampleValue(text, 'shopbot_outbox_mails', { status: 'pending' })).toBeUndefined();
    expect(sampleValue(text, 'shopbot_outbox_oldest_unsent_age_seconds')).toBeNaN();
  });

  it('names the live model, and shows none while no model is live', async () => {
    let version: string | null | undefined;
    const { registry } = setUp({ modelVersion: () => version, openSockets: () => 2 });
    let text = await registry.metrics();
    expect(text).not.toMatch(/^shopbot_model_info\{/mu);
    version = 'v-1';
    text = await registry.metrics();
    expect(sampleValue(text, 'shopbot_model_info', { version: 'v-1' })).toBe(1);
    version = 'v-2';
    text = await registry.metrics();
    expect(sampleValue(text, 'shopbot_model_info', { version: 'v-1' })).toBeUndefined();
    expect(sampleValue(text, 'shopbot_model_info', { version: 'v-2' })).toBe(1);
    expect(sampleValue(text, 'shopbot_chat_sockets_open')).toBe(2);
  });
});
