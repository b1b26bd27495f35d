/**
 * The staff console's HTTP API (`/api/console/*`), as TypeBox schemas: the single source of its wire
 * types for the server routes and (via `import type`) the console in the browser, and of its OpenAPI
 * reference (docs/console-openapi.json, `npm run openapi`); conventions in docs/console-api.md. Every
 * route needs a signed-in staff session (cookie) with the role named in server/console/roles.ts; every
 * change also needs the session's CSRF token in `x-csrf-token`.
 * Errors are `{ code, message }` with a stable `CONSOLE_ERR_*` code.
 *
 * One file per part of the API under server/schemas/console/; this module gathers them, so routes and
 * the console import every console wire type from one place.
 */

export * from './console/actions.ts';
export * from './console/analytics.ts';
export * from './console/common.ts';
export * from './console/corpus.ts';
export * from './console/escalations.ts';
export * from './console/models.ts';
export * from './console/outbox.ts';
export * from './console/privacy.ts';
export * from './console/staff.ts';
export * from './console/try.ts';
export * from './console/unanswered.ts';
