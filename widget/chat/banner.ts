/**
 * Which notice the chat window shows above the transcript, if any: the page may not chat (with the shop's
 * other contacts), the connection is down, or the shop is closed (with when it opens). Decided here, apart
 * from rendering, so the order of precedence is tested in Node.
 */
import type { ChatAccess, ConnectionState, ShopStatusInfo } from './types.ts';

/** The banner to show. */
export type Banner =
  | { kind: 'unavailable'; contact: NonNullable<ChatAccess['contact']> }
  | { kind: 'offline' }
  | { kind: 'closed'; nextOpening: string };

/** What the banner depends on: the connection's state, the shop's contacts and its opening status. */
export interface BannerInputs {
  state: ConnectionState;
  contact: ChatAccess['contact'] | null;
  shop: ShopStatusInfo | null;
}

/**
 * The banner for the connection, or null. A refused origin outranks an outage (retrying will not help),
 * and an outage outranks closed hours (the shopper cannot write at all).
 */
export function bannerOf({ state, contact, shop }: BannerInputs): Banner | null {
  if (state === 'unavailable' && contact) return { kind: 'unavailable', contact };
  if (state === 'offline') return { kind: 'offline' };
  if (shop && !shop.open && shop.nextOpening) return { kind: 'closed', nextOpening: shop.nextOpening };
  return null;
}
