/**
 * The schema registry's development tokens, shared by the registry (which accepts them outside production), the
 * gateway (which reads with the read token when `REGISTRY_TOKEN` is unset) and the CLI (which writes with the admin
 * token). Public on purpose, as `DEVELOPMENT_INTERNAL_SECRET`; with `NODE_ENV=production` none of them is accepted.
 */

/** The development admin token: publish, roll back, register operations, read. */
export const DEVELOPMENT_ADMIN_TOKEN = 'development-registry-admin-token';
/** The development read token: the supergraph, the operations and the history. */
export const DEVELOPMENT_READ_TOKEN = 'development-registry-read-token';
