/**
 * The port through which the server reads a verified shopper's data from the shop's system and asks
 * it for subscription changes (docs/connector.md, docs/connector-openapi.json). Implementations: the
 * HTTP client of the contract (signed requests, timeouts, a short read cache) and, in the demo, the
 * embedded demo shop. Every call names the verified customer; an implementation never acts on an id
 * that is not that customer's. Never throws: failures are results with a stable code.
 */
import type { Order, Subscription, SubscriptionChange } from '../../bot/shop/shop-data.ts';

/** Why a connector call failed. */
export type ConnectorErrorCode =
  /** No connector is configured. */
  | 'CONNECTOR_ERR_NOT_CONFIGURED'
  /** The shop's system did not answer in time. */
  | 'CONNECTOR_ERR_TIMEOUT'
  /** It could not be reached. */
  | 'CONNECTOR_ERR_NETWORK'
  /** It answered with an unexpected status. */
  | 'CONNECTOR_ERR_STATUS'
  /** Its answer does not fit the contract's schema. */
  | 'CONNECTOR_ERR_INVALID_RESPONSE'
  /** The id is not one of this customer's (or does not exist). */
  | 'CONNECTOR_ERR_NOT_FOUND'
  /** The shop refuses this change now (past the deadline, not allowed for this subscription). */
  | 'CONNECTOR_ERR_REFUSED';

/** A connector call's result. */
export type ConnectorResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: ConnectorErrorCode; status?: number };

/** The shop's system, as the server uses it. */
export interface ShopConnector {
  /** The customer's subscriptions (all statuses). */
  subscriptions(customerId: string): Promise<ConnectorResult<Subscription[]>>;
  /** The customer's recent orders, newest first. */
  orders(customerId: string): Promise<ConnectorResult<Order[]>>;
  /**
   * Changes one of the customer's subscriptions; answers the subscription as it is afterwards.
   * `idempotencyKey`: the same key makes the same change once (a retried message reuses it).
   */
  changeSubscription(
    customerId: string,
    subscriptionId: string,
    change: SubscriptionChange,
    idempotencyKey: string,
  ): Promise<ConnectorResult<Subscription>>;
}
