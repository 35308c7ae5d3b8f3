import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DEVELOPMENT_ADMIN_TOKEN } from '../../contracts/registryTokens.js';
import {
  RegistryAnswerError,
  RegistryClient,
  RegistryUnreachableError,
} from '../../registry/client/RegistryClient.js';
import type { SchemaCommandConfig } from './config.js';
import { CannotRun } from './SchemaCommand.js';

const run = promisify(execFile);

/**
 * The registry client of the registry commands: `REGISTRY_URL` with `REGISTRY_TOKEN`, or, when no token is set,
 * the public development admin token (what `npm start`'s registry accepts; any other registry refuses it).
 * Throws `CannotRun` without `REGISTRY_URL`.
 */
export function registryClient(config: SchemaCommandConfig, command: string): RegistryClient {
  if (!config.registry) {
    throw new CannotRun(`${command} needs a registry: set REGISTRY_URL (and REGISTRY_TOKEN)`);
  }
  return new RegistryClient({
    url: config.registry.url,
    token: config.registry.token ?? DEVELOPMENT_ADMIN_TOKEN,
  });
}

/** Registry codes that are a verdict on what was sent (exit 1), not a failure to ask (exit 2). */
const REFUSALS = new Set([
  'CLIENT_EXISTS',
  'CLIENT_NOT_FOUND',
  'CHECK_FAILED',
  'COMPOSITION_FAILED',
  'SUBGRAPH_NOT_DEPLOYED',
  'SUBGRAPH_UNREACHABLE',
]);

/**
 * Sorts a registry call's failure: a refusal (`CHECK_FAILED`, `COMPOSITION_FAILED`, `SUBGRAPH_NOT_DEPLOYED`,
 * `SUBGRAPH_UNREACHABLE`, `CLIENT_EXISTS`, `CLIENT_NOT_FOUND`) is returned for the command to print, exiting 1; anything else (unreachable, a bad or
 * refused token, a bad request) is rethrown as `CannotRun` (exit 2), naming the URL and never the token.
 */
export function registryRefusal(error: unknown, config: SchemaCommandConfig): RegistryAnswerError {
  if (error instanceof RegistryAnswerError && REFUSALS.has(error.code)) return error;
  if (error instanceof RegistryUnreachableError) throw new CannotRun(error.message);
  if (error instanceof RegistryAnswerError) {
    const hint =
      error.code === 'UNAUTHENTICATED'
        ? config.registry?.token
          ? ': REGISTRY_TOKEN is not a token this registry knows'
          : ': set REGISTRY_TOKEN (without it the development admin token was sent)'
        : error.code === 'FORBIDDEN'
          ? ' (REGISTRY_TOKEN does not allow it)'
          : '';
    throw new CannotRun(
      `The registry at ${config.registry?.url} answered ${error.code}: ${error.message}${hint}`,
    );
  }
  throw error;
}

/** A registry call's result: its answer, or a refusal (a verdict, exit 1). */
export type Outcome<T> = { answer: T } | { refusal: RegistryAnswerError };

/** Calls the registry: an answer, or a refusal (exit 1); any other failure throws `CannotRun` (exit 2). */
export async function send<T>(call: () => Promise<T>, config: SchemaCommandConfig): Promise<Outcome<T>> {
  try {
    return { answer: await call() };
  } catch (error) {
    return { refusal: registryRefusal(error, config) };
  }
}

/** Who publishes, and from which commit: the flags, else `git config user.email` or `$USER`, and `git rev-parse HEAD`. */
export async function authorship(
  config: SchemaCommandConfig,
  flags: { author?: string | undefined; commit?: string | undefined },
): Promise<{ author: string; commit: string | null }> {
  const git = (...args: string[]) =>
    run('git', args, { cwd: config.root }).then(
      ({ stdout }) => stdout.trim() || null,
      () => null,
    );
  const author = flags.author ?? (await git('config', 'user.email')) ?? config.variables['USER'] ?? 'unknown';
  const commit = flags.commit ?? (await git('rev-parse', 'HEAD'));
  return { author, commit };
}
