/**
 * Conversation capability tokens: 32 random bytes (base64url), shown once to the shopper's browser.
 * Only their SHA-256 is stored, so a database leak does not let anyone resume a conversation.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new unguessable token (256 bits). */
export function newConversationToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored form of a token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
