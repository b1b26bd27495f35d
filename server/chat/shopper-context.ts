/**
 * The shopper-context step: before the dialogue, the verified shopper's subscriptions and orders are
 * read from the shop connector, both at once (one round trip added to the turn at most; the connector
 * caches briefly), into the `ShopperContext` the flows answer from. A read that fails becomes
 * `unavailable` (the flows then give the general answer and offer a person). Anonymous shoppers, or a
 * shop without a connector: no context, exactly the old behaviour. Never throws.
 */
import type { ShopperContext, VerifiedShopper } from '../../bot/shop/shop-data.ts';
import type { ConnectorResult, ShopConnector } from '../connector/shop-connector.ts';

/** Where a failed read is reported: its code only (never the customer id). */
export interface ShopperContextLog {
  warn(obj: object, msg: string): void;
}

async function readOrUnavailable<T>(
  read: () => Promise<ConnectorResult<T>>,
  what: string,
  log: ShopperContextLog,
) {
  try {
    const result = await read();
    if (result.ok) return result.value;
    log.warn({ connector: what, code: result.code }, 'shop connector read failed');
  } catch (error) {
    log.warn({ connector: what, err: error }, 'shop connector read threw');
  }
  return 'unavailable' as const;
}

/** The context of one turn, or undefined when there is no verified shopper or no connector. */
export async function readShopperContext(
  connector: ShopConnector | undefined,
  shopper: VerifiedShopper | undefined,
  log: ShopperContextLog,
): Promise<ShopperContext | undefined> {
  if (!connector || !shopper) return undefined;
  const id = shopper.customerId;
  const [subscriptions, orders] = await Promise.all([
    readOrUnavailable(() => connector.subscriptions(id), 'subscriptions', log),
    readOrUnavailable(() => connector.orders(id), 'orders', log),
  ]);
  return { shopper, subscriptions, orders };
}
