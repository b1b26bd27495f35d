/**
 * The `error` frame: a stable code for the client, and a kind sentence in the shopper's language from
 * the bot's translation table (one message key per code).
 */
import { type MessageKey, message } from '../../bot/i18n/messages.ts';
import type { ChatErrorCode, ServerFrame } from '../schemas/protocol.ts';
import type { Locale } from '../storage/repository.ts';

const ERROR_MESSAGES: Record<ChatErrorCode, MessageKey> = {
  CHAT_ERR_MALFORMED_JSON: 'errorInvalid',
  CHAT_ERR_UNKNOWN_TYPE: 'errorInvalid',
  CHAT_ERR_INVALID_FRAME: 'errorInvalid',
  CHAT_ERR_TEXT_TOO_LONG: 'errorTooLong',
  CHAT_ERR_TOKEN_INVALID: 'errorInvalid',
  CHAT_ERR_UNKNOWN_MESSAGE: 'errorInvalid',
  CHAT_ERR_NOT_READY: 'errorNotReady',
  CHAT_ERR_INTERNAL: 'errorInternal',
  CHAT_ERR_RATE_LIMITED: 'errorRateLimited',
  CHAT_ERR_CLIENT_RATE_LIMITED: 'errorClientRateLimited',
  CHAT_ERR_HANDOFF_RATE_LIMITED: 'errorHandoffRateLimited',
  CHAT_ERR_SHOPPER_TOKEN_INVALID: 'errorShopperTokenInvalid',
  CHAT_ERR_SHOPPER_TOKEN_EXPIRED: 'errorShopperTokenExpired',
};

/**
 * The error frame for `code`, about the message numbered `seq` (null: about no message). `maxTextLength`
 * fills the limit into the too-long sentence (characters).
 */
export function errorFrame(
  code: ChatErrorCode,
  seq: number | null,
  locale: Locale,
  maxTextLength: number,
): ServerFrame {
  return {
    type: 'error',
    code,
    message: message(locale, ERROR_MESSAGES[code], { max: maxTextLength }),
    seq,
  };
}
