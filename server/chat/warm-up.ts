/**
 * Warms the chat socket path once the server listens: one loopback WebSocket upgrade and a `ping`, so
 * the first shopper does not pay for lazy initialisation (route and hook compilation, the handshake's
 * crypto, frame parsing). It stores nothing. Failures are only logged: warming is an optimisation.
 */
import WebSocket from 'ws';

/** Opens ws://host:port/chat, sends a ping, waits for the pong (at most `timeoutMs`), closes. */
export async function warmUpChatSocket(host: string, port: number, timeoutMs = 3000): Promise<void> {
  const address = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const socket = new WebSocket(`ws://${address.includes(':') ? `[${address}]` : address}:${port}/chat`);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no pong from the warm-up socket')), timeoutMs);
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.once('open', () => socket.send(JSON.stringify({ type: 'ping' })));
      socket.on('message', (data) => {
        if ((JSON.parse(data.toString()) as { type?: string }).type !== 'pong') return;
        clearTimeout(timer);
        resolve();
      });
    });
  } finally {
    socket.close(1000, 'warm-up done');
  }
}
