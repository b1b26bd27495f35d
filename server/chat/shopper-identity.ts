/**
 * The identity step (docs/identity.md): verifies the shopper token a connection brings — once, at
 * `hello`, or when the page hands the widget a new one (`shopper` frame), never per message — and keeps
 * the verified shopper on the connection's binding. A refused token is answered with an error frame and
 * the chat goes on anonymously. Logs say why a token was refused (jose's code), never the token, the
 * customer id or the email.
 */
import type { VerifiedShopper } from '../../bot/shop/shop-data.ts';
import type { ShopperTokenErrorCode, ShopperTokenVerifier } from '../identity/shopper-token-verifier.ts';
import {
  bindToShopper,
  type ConversationDependencies,
  mayResume,
  startConversation,
} from './conversation.ts';
import type { ConversationBinding } from './conversation-binding.ts';

/** What the identity step needs. */
export interface ShopperIdentityDependencies {
  /** Absent: no key is configured; every token is refused. */
  shopperTokens?: ShopperTokenVerifier;
  log: { warn(obj: object, msg: string): void };
}

/** The verified shopper of `token`, or the code a refusal is answered with. */
export type ShopperIdentity =
  | { shopper: VerifiedShopper }
  | { shopper: undefined; refused: ShopperTokenErrorCode };

/** Verifies one shopper token. `conversationId`: for the log line of a refusal. */
export async function identifyShopper(
  deps: ShopperIdentityDependencies,
  token: string,
  conversationId: string | undefined,
): Promise<ShopperIdentity> {
  if (!deps.shopperTokens) {
    deps.log.warn(
      { conversationId, reason: 'SHOPPER_TOKEN_NOT_CONFIGURED' },
      'shopper token refused: no SHOPPER_TOKEN_SECRET, _PUBLIC_KEY or _JWKS_URL is configured; the chat goes on anonymously',
    );
    return { shopper: undefined, refused: 'CHAT_ERR_SHOPPER_TOKEN_INVALID' };
  }
  const result = await deps.shopperTokens.verify(token);
  if (result.ok) return { shopper: result.shopper };
  deps.log.warn(
    { conversationId, code: result.code, reason: result.reason },
    'shopper token refused; the chat goes on anonymously',
  );
  return { shopper: undefined, refused: result.code };
}

/**
 * The connection's shopper changed (a `shopper` frame: a refreshed token, a sign-in, a sign-out or a
 * refused token). An anonymous conversation becomes the signed-in shopper's and keeps its history; a
 * conversation bound to a customer who is no longer the connection's shopper (or just bound to another
 * by a connection that won the race) is left for a fresh one (a new `welcome`), so nothing of it stays on a page someone else now uses. Then `shopper-ack`.
 */
export async function changeShopper(
  deps: ConversationDependencies,
  binding: ConversationBinding,
  shopper: VerifiedShopper | undefined,
): Promise<void> {
  binding.shopper = shopper;
  const conversation = binding.conversation;
  if (conversation) {
    const kept = mayResume(conversation, binding)
      ? await bindToShopper(deps, binding, conversation)
      : undefined;
    if (kept) binding.bind(kept, binding.locale);
    else await startConversation(deps, binding, false);
  }
  deps.send({ type: 'shopper-ack', verified: shopper !== undefined });
}
