/**
 * The schema of a console route, complete for its API reference (server/plugins/openapi.ts): the
 * request parts and successes the route gives, plus every refusal it can answer with, each a coded
 * error body. The refusals every route shares follow from what it is, so no route can forget them:
 * 401 from its access check, 403 CONSOLE_ERR_FORBIDDEN from its permission, 403 CONSOLE_ERR_CSRF from
 * being a change, 400/413/415 from having a body, 400 FST_ERR_VALIDATION from having any input. A route
 * adds only its own codes. The codes are documented as an `enum` on `code`; fast-json-stringify does
 * not check it, so a code missing here is still sent as is (the reference would be wrong, not the API).
 */
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifySchema } from 'fastify';
import { type AccessCheck, CSRF_HEADER, SAFE_METHODS } from '../../plugins/console-auth.ts';
import { SECURITY } from '../../plugins/openapi.ts';
import { ConsoleError } from '../../schemas/console-api.ts';

/** The statuses a console route refuses with. */
export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 502;

/** Error codes by status. */
export type Refusals = Partial<Record<RefusalStatus, readonly string[]>>;

/** What a console route declares about itself. */
export interface ConsoleRouteDoc {
  /** The area, the document's tag (users, corpus, models…). */
  tag: string;
  /** One line: what the route does. */
  summary: string;
  /** More, when the summary is not enough (limits, what is kept, what happens next). */
  description?: string;
  /** The route's access check (fastify.consoleAuth), or 'public' for sign-in. */
  access: AccessCheck | 'public';
  body?: TSchema;
  params?: TSchema;
  querystring?: TSchema;
  /** Successful answers by status (204: `Type.Null()`; a non-JSON body: `{ content: … }`). */
  response: Record<number, unknown>;
  /** The route's own refusals, beyond those that follow from its access and input. */
  refusals?: Refusals;
}

/** A success's description when its schema has none (the reference needs one per response). */
const SUCCESS_MEANING: Record<number, string> = {
  200: 'Done.',
  201: 'Created.',
  202: 'Accepted: the rest happens in the background.',
  204: 'Done; no body.',
};

/** The successes, each with a description. */
function described(response: Record<number, unknown>): Record<number, unknown> {
  return Object.fromEntries(
    Object.entries(response).map(([status, schema]) => {
      const has = typeof (schema as { description?: unknown }).description === 'string';
      const meaning = SUCCESS_MEANING[Number(status)] ?? 'Done.';
      // @fastify/swagger's key for a response's description that is not the body schema's own.
      return [status, has ? schema : { ...(schema as object), 'x-response-description': meaning }];
    }),
  );
}

/** What each refusal status means, the start of its description. */
const STATUS_MEANING: Record<RefusalStatus, string> = {
  400: 'The request is malformed or breaks a rule.',
  401: 'Not signed in, or the session expired.',
  403: 'Not allowed.',
  404: 'No such resource.',
  409: 'Conflicts with the current state.',
  413: 'The body is larger than the limit.',
  415: 'The body is not JSON.',
  422: 'Well-formed but cannot be processed.',
  429: 'Too many attempts; the message says when to try again.',
  502: 'A service the server relies on (LINE) did not take the request; nothing was changed.',
};

/** A coded error body whose `code` is one of `codes`. */
function refusalBody(status: RefusalStatus, codes: readonly string[], note: string | undefined): TSchema {
  const { code: _code, ...rest } = ConsoleError.properties;
  return Type.Object(
    { code: Type.String({ enum: [...codes] }), ...rest },
    { description: [STATUS_MEANING[status], note].filter(Boolean).join(' ') },
  );
}

/** The refusals that follow from the route's method, access and input, merged with its own. */
function allRefusals(method: string, doc: ConsoleRouteDoc): { codes: Refusals; notes: string[] } {
  const codes: Record<number, string[]> = {};
  const notes: string[] = [];
  const add = (status: RefusalStatus, ...list: string[]) => {
    codes[status] = [...new Set([...(codes[status] ?? []), ...list])];
  };
  if (doc.body) {
    add(400, 'FST_ERR_VALIDATION', 'FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY');
    add(413, 'FST_ERR_CTP_BODY_TOO_LARGE');
    add(415, 'FST_ERR_CTP_INVALID_MEDIA_TYPE');
  } else if (doc.params || doc.querystring) {
    add(400, 'FST_ERR_VALIDATION');
  }
  if (doc.access !== 'public') {
    add(401, 'CONSOLE_ERR_UNAUTHENTICATED');
    if (doc.access.access !== 'session') {
      add(403, 'CONSOLE_ERR_FORBIDDEN');
      notes.push(`CONSOLE_ERR_FORBIDDEN: the role lacks ${doc.access.access}.`);
    }
    if (!SAFE_METHODS.has(method)) {
      add(403, 'CONSOLE_ERR_CSRF');
      notes.push(`CONSOLE_ERR_CSRF: the ${CSRF_HEADER} header is missing or wrong.`);
    }
  }
  for (const [status, list] of Object.entries(doc.refusals ?? {}))
    add(Number(status) as RefusalStatus, ...list);
  return { codes, notes };
}

/**
 * The fastify schema of a console route: request parts, successes, refusals, and for the reference its
 * tag, summary, security (session cookie; plus the CSRF header on a change) and `x-permission`.
 */
export function consoleRouteSchema(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  doc: ConsoleRouteDoc,
) {
  const { codes, notes } = allRefusals(method, doc);
  const refusals: Record<number, TSchema> = {};
  for (const [status, list] of Object.entries(codes)) {
    const code = Number(status) as RefusalStatus;
    if (list?.length) refusals[code] = refusalBody(code, list, code === 403 ? notes.join(' ') : undefined);
  }
  const security =
    doc.access === 'public'
      ? []
      : [{ [SECURITY.session]: [], ...(SAFE_METHODS.has(method) ? {} : { [SECURITY.csrf]: [] }) }];
  return {
    tags: [doc.tag],
    summary: doc.summary,
    ...(doc.description ? { description: doc.description } : {}),
    security,
    ...(doc.access !== 'public' ? { 'x-permission': doc.access.access } : {}),
    ...(doc.body ? { body: doc.body } : {}),
    ...(doc.params ? { params: doc.params } : {}),
    ...(doc.querystring ? { querystring: doc.querystring } : {}),
    response: { ...described(doc.response), ...refusals },
  } satisfies FastifySchema & Record<string, unknown>;
}
