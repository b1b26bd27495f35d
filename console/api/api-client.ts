/**
 * The console's one door to the server: JSON calls under `/api/console`, the session cookie sent by the
 * browser (same origin), the CSRF token on every change (`x-csrf-token`), errors turned into `ApiError`
 * with the server's stable code and message, and a 401 anywhere (but sign-in) reported to the app so it
 * shows the sign-in page.
 */
import type { ConsoleError } from '../../server/schemas/console-api.ts';

/** The code of a request that never got an answer (network down, server gone). */
export const NETWORK_ERROR_CODE = 'CONSOLE_NETWORK_ERROR';

/** An API call that failed: the HTTP status (0 without an answer), the stable code, the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The whole error body. */
    readonly body: unknown = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Facts the server sent with the error (409 CONSOLE_ERR_MODEL_WORSE: `comparison`), if any. */
  get details(): ConsoleError['details'] {
    const body = this.body as Partial<ConsoleError> | null;
    return typeof body?.details === 'object' && body.details !== null ? body.details : undefined;
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Query values; undefined and '' are left out. */
export type Query = Record<string, string | number | undefined>;

/** Builds `/api/console/<path>?<query>`. */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/console${path}${search ? `?${search}` : ''}`;
}

function isConsoleError(body: unknown): body is ConsoleError {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as ConsoleError).code === 'string' &&
    typeof (body as ConsoleError).message === 'string'
  );
}

/** The API client (one per page: it holds the session's CSRF token). */
export class ConsoleApi {
  /** The session's CSRF token (from sign-in or `GET /me`). */
  csrfToken = '';
  /** Called when the server says the session is gone (401 on anything but sign-in). */
  onUnauthenticated: () => void = () => {};

  async request<T>(method: Method, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(apiUrl(path, query), {
        method,
        headers,
        credentials: 'same-origin',
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new ApiError(0, NETWORK_ERROR_CODE, error instanceof Error ? error.message : String(error));
    }
    const type = response.headers.get('content-type') ?? '';
    const parsed: unknown = type.includes('json') ? await response.json().catch(() => null) : null;
    if (!response.ok) {
      if (response.status === 401 && path !== '/login') this.onUnauthenticated();
      if (isConsoleError(parsed)) throw new ApiError(response.status, parsed.code, parsed.message, parsed);
      throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText || 'Error', parsed);
    }
    return parsed as T;
  }

  get<T>(path: string, query?: Query): Promise<T> {
    return this.request<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body ?? {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('PATCH', path, body);
  }

  delete(path: string): Promise<void> {
    return this.request<void>('DELETE', path);
  }
}

/** The page's client. */
export const api = new ConsoleApi();
