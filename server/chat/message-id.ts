/**
 * Ids of new chat messages: UUIDv7 (RFC 9562, the `uuid` package), time-ordered with 74 random bits.
 * Time order puts each new message at the right edge of the `messages` primary-key and `reply_to`
 * indexes instead of on a random page of each: at a few thousand messages a second that halves the pages
 * every SQLite commit writes, and keeps a large table's index inserts in cache on PostgreSQL. A message
 * id opens nothing by itself (feedback is scoped to the socket's own conversation, which a 256-bit token
 * opens); conversation ids stay random (v4).
 */
import { v7 } from 'uuid';

/** A new, time-ordered message id. */
export function newMessageId(): string {
  return v7();
}
