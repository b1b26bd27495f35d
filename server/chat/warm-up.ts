/**
 * Warms the chat path once the server listens, so the first shopper does not pay for lazy
 * initialisation (route and hook compilation, the handshake's crypto, frame parsing, masking, the dialogue
 * code, the storage statements) or for code still interpreted after one run: one loopback WebSocket, a
 * `ping`, and a few messages answered like any other. The caller deletes the warm-up conversation right
 * after, and /readyz waits for both. Failures are only logged by the caller: warming is an optimisation.
 */
import WebSocket from 'ws';

/** Questions the corpus answers in both languages and one it refuses, so each reply path is warmed. */
const WARM_UP_TEXTS = [
  '送料はいくらですか',
  'How much is shipping?',
  '今日の天気は？',
  '定期便の周期を変えたい',
];

/**
 * Opens ws://host:port/chat, sends a ping and the messages one by one, each after the last one's reply
 * (at most `timeoutMs` in all), closes. Resolves with the conversation it created (null when only the ping was answered).
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
      let sent = 0;
      const sendNext = () => {
        sent += 1;
        socket.send(JSON.stringify({ type: 'message', text: WARM_UP_TEXTS[sent - 1], seq: sent }));
      };
      socket.on('message', (data) => {
        const frame = JSON.parse(data.toString()) as { type?: string; conversationId?: string };
        if (frame.type === 'pong') sendNext();
        else if (frame.type === 'welcome') conversationId = frame.conversationId ?? null;
        else if (frame.type === 'reply' && sent < WARM_UP_TEXTS.length) sendNext();
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
