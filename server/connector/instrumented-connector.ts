/**
 * A ShopConnector that counts its calls: each call of the wrapped connector is recorded as its operation
 * (`connector.subscriptions`, `connector.orders`, `connector.changeSubscription`) with its outcome (`ok`
 * or the CONNECTOR_ERR_ code) and duration (server/metrics/). Wrap the connector where it is created;
 * the calls and their results pass through unchanged.
 */
import { type ConnectorMetrics, secondsSince } from '../metrics/instruments.ts';
import type { ConnectorResult, ShopConnector } from './shop-connector.ts';

/** `connector`, with every call recorded in `metrics`. */
export function instrumentConnector(connector: ShopConnector, metrics: ConnectorMetrics): ShopConnector {
  const timed = async <T>(
    operation: keyof ShopConnector,
    call: () => Promise<ConnectorResult<T>>,
  ): Promise<ConnectorResult<T>> => {
    const started = performance.now();
    const result = await call();
    metrics.connectorCall(`connector.${operation}`, result.ok ? 'ok' : result.code, secondsSince(started));
    return result;
  };
  return {
    subscriptions: (customerId) => timed('subscriptions', () => connector.subscriptions(customerId)),
    orders: (customerId) => timed('orders', () => connector.orders(customerId)),
    changeSubscription: (customerId, subscriptionId, change, idempotencyKey) =>
      timed('changeSubscription', () =>
        connector.changeSubscription(customerId, subscriptionId, change, idempotencyKey),
      ),
  };
}
