/**
 * The real server (`server/main.ts`) as a child process, the way an operator runs it: environment in,
 * log to a file (a pipe nobody reads would block it), ready when `GET /readyz` answers 200.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync } from 'node:fs';
import net from 'node:net';
import { LIFTED_CLIENT_LIMITS } from './client-limits-env.ts';
import { waitFor } from './wait-for.ts';

/** A running server process. */
export interface ServerProcess {
  port: number;
  url: string;
  child: ChildProcess;
  /** Sends a signal (SIGKILL: a crash) and resolves once the process is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts the server with `env` (PORT is chosen here; per-client limits lifted unless set) and waits until it is ready. */
export async function startServerProcess(
  env: Record<string, string>,
  options: { logFile: string; readyTimeoutMs?: number; port?: number },
): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...LIFTED_CLIENT_LIMITS, ...env, PORT: String(port) },
    stdio: ['ignore', openSync(options.logFile, 'a'), openSync(options.logFile, 'a')],
  });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  };
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null)
          throw new Error(`server exited with ${child.exitCode}; see ${options.logFile}`);
        return (await fetch(`${url}/readyz`).catch(() => undefined))?.ok;
      },
      `server on ${port} ready`,
      { timeoutMs: options.readyTimeoutMs ?? 90_000, intervalMs: 100 },
    );
  } catch (error) {
    await stop('SIGKILL');
    throw error;
  }
  return { port, url, child, stop };
}
