import { DEVELOPMENT_INTERNAL_SECRET } from './internalIdentity.js';

/** Helpers for the one `loadConfig(env)` of each program: each error names the variable, its value and what fits. */

/** Reads an integer variable within [min, max], or `fallback` when it is unset or empty. */
export function readInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} is "${raw}"; use a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Reads a variable that must be one of `allowed`, or `fallback` when unset. */
export function readChoice<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(`${name} is "${raw}"; use one of ${allowed.join(', ')}`);
  }
  return raw as T;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The secret gateway and subgraphs share to sign and verify callers' identities (`INTERNAL_AUTH_SECRET`). Outside
 * production a development secret stands in; in production it must be set, at least 32 characters.
 */
export function readInternalAuthSecret(env: NodeJS.ProcessEnv): string {
  const secret =
    env['INTERNAL_AUTH_SECRET'] ??
    (env['NODE_ENV'] === 'production' ? undefined : DEVELOPMENT_INTERNAL_SECRET);
  if (!secret || secret.length < 32) {
    throw new Error(
      'INTERNAL_AUTH_SECRET must be set to at least 32 characters (required when NODE_ENV=production)',
    );
  }
  return secret;
}

/**
 * A `postgres://` (or `postgresql://`) connection string from `variable`, whose value is `raw`. Throws naming the
 * variable, never echoing the value: it may hold a password.
 */
export function checkDatabaseUrl(variable: string, raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'postgres:' || url.protocol === 'postgresql:') return raw;
  } catch {
    // reported below
  }
  throw new Error(`${variable} is not a postgres:// connection string`);
}
