/**
 * Lifts the per-client limits (CLIENT_*): every test shopper connects from 127.0.0.1, so a test file
 * that opens many chats is one client. Tests of the limits themselves set the variables they test.
 */
export const LIFTED_CLIENT_LIMITS: Record<string, string> = {
  CLIENT_HANDSHAKES_PER_MINUTE: '1000000',
  CLIENT_HANDSHAKES_BURST: '1000000',
  CLIENT_CONVERSATIONS_PER_MINUTE: '1000000',
  CLIENT_CONVERSATIONS_BURST: '1000000',
  CLIENT_MESSAGES_PER_MINUTE: '1000000',
  CLIENT_MESSAGES_BURST: '1000000',
  CLIENT_HANDOFFS_PER_MINUTE: '1000000',
  CLIENT_HANDOFFS_BURST: '1000000',
};
