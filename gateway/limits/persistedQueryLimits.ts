import { HeaderMap, type ApolloServerPlugin, type GraphQLRequest } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Cluster, Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { readInteger } from '../../contracts/env.js';
import { ErrorCode } from '../../contracts/errors.js';
import type { StallBreaker } from '../cache/StallBreaker.js';
import { refuseRequest } from '../plugins/refuseRequest.js';
import { createRateLimiter } from './rateLimiter.js';

/** Limits on registering automatic persisted queries (a document sent with its `persistedQuery` hash). */
export interface PersistedQueryLimitsConfig {
  /** Largest document that may be registered, in UTF-8 bytes (`APQ_MAX_BYTES`). Default 16,384. */
  maxBytes: number;
  /** Bytes of documents one caller may register per hour (`APQ_BUDGET_BYTES_PER_HOUR`). Default 262,144. */
  budgetBytesPerHour: number;
}

/** Reads the APQ limits from `env`; throws an error naming the variable for any bad value. */
export function loadPersistedQueryLimitsConfig(env: NodeJS.ProcessEnv): PersistedQueryLimitsConfig {
  const maxBytes = readInteger(env, 'APQ_MAX_BYTES', 16_384, 256, 1_048_576);
  const budgetBytesPerHour = readInteger(env, 'APQ_BUDGET_BYTES_PER_HOUR', 262_144, 256, 1_073_741_824);
  if (budgetBytesPerHour < maxBytes) {
    throw new Error(
      `APQ_BUDGET_BYTES_PER_HOUR is "${budgetBytesPerHour}"; use at least APQ_MAX_BYTES (${maxBytes}), ` +
        'or a document of the largest size could never register',
    );
  }
  return { maxBytes, budgetBytesPerHour };
}

/** Options of {@link persistedQueryLimitsPlugin}: the limits, and where the budget is counted. */
export interface PersistedQueryLimitsOptions extends PersistedQueryLimitsConfig {
  /** Shared budget counters for every gateway instance. Default none: counted in this process only. */
  redis?: Redis | Cluster;
  /** Shared with the cache: while Redis is stalled, the budget is counted in process (see `createRateLimiter`). */
  breaker?: StallBreaker;
  /** Prefix of the budget's Redis keys. Default `rl:`. */
  keyPrefix?: string;
  /** Secret for hashing caller keys (see `createRateLimiter`). Default none. */
  hashSecret?: string;
}

/** What the plugin reads from the context: who the request counts against (see `clientKeyFor`). */
export interface PersistedQueryLimitsContext {
  caller: { key: string };
}

const BUDGET_CLASS = 'apq-bytes';

/**
 * Checks every request carrying `extensions.persistedQuery` before Apollo Server reads it, so that nothing
 * malformed, oversized or over budget is looked up or stored:
 * - the extension must be `{"version": 1, "sha256Hash": "<64 lowercase hex>"}`, else HTTP 400 `BAD_REQUEST`;
 * - a registration (the extension and a `query`) must be at most `maxBytes` (else 413 `BAD_REQUEST`), its hash
 *   must be the document's SHA-256 (else 400 `BAD_REQUEST`), and its bytes are charged to the caller's hourly
 *   budget (over it: 429 `RATE_LIMITED` with `Retry-After`).
 */
export function persistedQueryLimitsPlugin(
  options: PersistedQueryLimitsOptions,
): ApolloServerPlugin<PersistedQueryLimitsContext> {
  const budget = createRateLimiter({
    classes: { [BUDGET_CLASS]: { points: options.budgetBytesPerHour, durationSeconds: 3_600 } },
    ...(options.redis ? { redis: options.redis } : {}),
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.keyPrefix ? { keyPrefix: options.keyPrefix } : {}),
    ...(options.hashSecret ? { hashSecret: options.hashSecret } : {}),
  });
  return {
    async requestDidStart({ request, contextValue }) {
      const checked = checkPersistedQuery(request, options.maxBytes);
      if (checked instanceof GraphQLError) return refuseRequest(request, checked);
      if (checked === 0) return;
      const decision = await budget.consume(contextValue.caller.key, BUDGET_CLASS, checked);
      if (decision.allowed) return;
      const seconds = decision.retryAfterSeconds;
      return refuseRequest(
        request,
        new GraphQLError(
          `Too many bytes of automatic persisted queries registered; retry in ${seconds} s, or send the ` +
            'document without extensions.persistedQuery.',
          {
            extensions: {
              code: ErrorCode.RateLimited,
              http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
            },
          },
        ),
      );
    },
  };
}

/**
 * The error to refuse `request`'s persisted-query extension with, else the bytes it registers (0 for a request
 * without the extension or without a document).
 */
export function checkPersistedQuery(
  request: Pick<GraphQLRequest, 'query' | 'extensions'>,
  maxBytes: number,
): GraphQLError | number {
  const persisted: unknown = request.extensions?.['persistedQuery'];
  if (persisted === undefined) return 0;
  const { version, sha256Hash } = (persisted ?? {}) as Record<string, unknown>;
  if (version !== 1) {
    return badRequest(
      'extensions.persistedQuery.version must be 1, the only persisted-query version served.',
    );
  }
  if (typeof sha256Hash !== 'string' || !/^[0-9a-f]{64}$/.test(sha256Hash)) {
    return badRequest(
      'extensions.persistedQuery.sha256Hash must be a SHA-256 as 64 lowercase hex characters.',
    );
  }
  if (typeof request.query !== 'string') return 0;
  const bytes = Buffer.byteLength(request.query, 'utf8');
  if (bytes > maxBytes) {
    return badRequest(
      `A document registered as an automatic persisted query may be at most ${maxBytes} bytes; this one is ` +
        `${bytes}. Send it without extensions.persistedQuery.`,
      413,
    );
  }
  if (createHash('sha256').update(request.query).digest('hex') !== sha256Hash) {
    return badRequest('extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.');
  }
  return bytes;
}

function badRequest(message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BadRequest, http: { status } } });
}
