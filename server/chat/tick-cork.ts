/**
 * Frames a chat sends in one event-loop tick leave in one write to the socket. A shopper message is
 * answered with two frames sent back to back (`ack`, then `reply`), and ws writes each frame on its own:
 * on loopback and small VMs each write is a system call that wakes the reader, about a tenth of the chat's
 * server time in a CPU profile of `npm run bench`. Corking the TCP socket for the rest of the tick makes
 * them one `writev`. Nothing waits: the socket is uncorked before the event loop reads or polls again.
 */
import type { Socket } from 'node:net';

/** What is needed of a ws WebSocket: its underlying TCP socket (ws's `_socket`, set once it is open). */
interface WithTcpSocket {
  _socket?: Pick<Socket, 'cork' | 'uncork'> | null;
}

/** Returns the function to call before each send; a no-op when the TCP socket is not reachable. */
export function tickCork(socket: object): () => void {
  const tcp = (socket as WithTcpSocket)._socket;
  if (!tcp || typeof tcp.cork !== 'function' || typeof tcp.uncork !== 'function') return () => {};
  let corked = false;
  const release = () => {
    corked = false;
    tcp.uncork();
  };
  return () => {
    if (corked) return;
    corked = true;
    tcp.cork();
    process.nextTick(release);
  };
}
