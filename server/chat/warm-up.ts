/**
 * Warms the chat path once the server listens, so the first shopper does not pay for lazy
 * initialisation (route and hook compilation, the handshake's crypto, frame parsing, masking, the dialogue
 * code, the storage statements): one loopback WebSocket, a `ping`, and one first message answered like
 * any other. The caller deletes the warm-up conversation right after. Failures are only logged by the
 * caller: warming is an optimisation.
 */
import WebSocket from 'ws';

/** A question the corpus answers, so the answer path (not only the refusal) is warmed. */
const WARM_UP_TEXT = '送料はいくらですか';

/**
 * Opens ws://host:port/chat, sends a ping and one message, waits for the reply (at most `timeoutMs`),
 * closes. Resolves with the conversation it created (null when only the ping was answered).
 */
export async function warmUpChatSocket(host: string, port: number, timeoutMs = 5000): Promise<string | null> {
  const address = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const socket = new WebSocket(`ws://${address.includes(':') ? `[${address}]` : address}:${port}/chat`);
  let conversationId: string | null = null;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply to the warm-up chat')), timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type?: string; conversationId?: string };
        if (frame.type === 'pong')
          socket.send(JSON.stringify({ type: 'message', text: WARM_UP_TEXT, seq: 1 }));
        else if (frame.type === 'welcome') conversationId = frame.conversationId ?? null;
        else if (frame.type === 'reply' || frame.type === 'error') {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  } finally {
    socket.close(1000, 'warm-up done');
  }
  return conversationId;
}
