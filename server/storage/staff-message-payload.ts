/**
 * The payload of a `staff` message (a reply written in the console, docs/handoff.md): who wrote it, the
 * channel it went out on, and when the shopper saw it in the widget (null: unread; the launcher shows
 * an unread badge). One schema, parsed on read: a payload that does not fit reads as unread, by "staff".
 */
import { type Static, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { StoredMessage } from './repository.ts';

/** The payload stored with a staff message. */
export const StaffMessagePayload = Type.Object({
  /** The staff member's display name (shown to staff only; the shopper sees "the shop's staff"). */
  staffName: Type.String(),
  /** The channel it was delivered on: the widget (`web`) or a LINE push (`line`). */
  channel: Type.Union([Type.Literal('web'), Type.Literal('line')]),
  /** When the shopper saw it in the widget (ISO 8601); null while unread. */
  seenAt: Type.Union([Type.String(), Type.Null()]),
});
export type StaffMessagePayload = Static<typeof StaffMessagePayload>;

/** The staff payload of a stored message; a missing or malformed one reads as an unread widget reply. */
export function staffPayloadOf(message: Pick<StoredMessage, 'payload'>): StaffMessagePayload {
  const payload = message.payload;
  if (Value.Check(StaffMessagePayload, payload)) return payload;
  return { staffName: '', channel: 'web', seenAt: null };
}

/** Whether a stored message is a staff reply the shopper has not seen yet. */
export function isUnreadStaffMessage(message: Pick<StoredMessage, 'role' | 'payload'>): boolean {
  return message.role === 'staff' && staffPayloadOf(message).seenAt === null;
}
