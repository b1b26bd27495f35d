/**
 * The raw `ws` echo server: the ceiling the full stack is compared with. Every frame goes back as it came
 * (no parsing, validation, NLU or storage), with the same `ws` options the chat server uses (no
 * compression). Run as its own process by run.ts (it prints `{"port":…}` once listening); tests start it
 * in-process.
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { WebSocketServer } from 'ws';

/** A listening echo server. */
export interface EchoServer {
  /** ws://127.0.0.1:port/chat */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an echo server on 127.0.0.1; `port` 0 (the default) picks a free one. */
export function startEchoServer(port = 0): Promise<EchoServer> {
  return new Promise((resolve, reject) => {
    const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });
    server.on('connection', (socket) => {
      socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
      socket.on('error', () => {});
    });
    server.once('error', reject);
    server.once('listening', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({
        url: `ws://127.0.0.1:${bound}/chat`,
        port: bound,
        close: () =>
          new Promise<void>((done) => {
            for (const client of server.clients) client.terminate();
            server.close(() => done());
          }),
      });
    });
  });
}

// Run as a process: listen, print the port, stop on SIGTERM.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const echo = await startEchoServer(Number(process.env.PORT ?? 0));
  process.stdout.write(`${JSON.stringify({ port: echo.port })}\n`);
  process.once('SIGTERM', () => {
    void echo.close().then(() => process.exit(0));
  });
}
