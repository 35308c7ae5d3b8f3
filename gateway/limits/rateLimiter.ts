import { createHash, createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Cluster, Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { readChoice, readInteger } from '../../contracts/env.js';
import type { StallBreaker } from '../cache/StallBreaker.js';

/** The client classes: who a request is counted against, from the most to the least trusted. */
export type ClientClass = 'partner' | 'customer' | 'anonymous';

/** How many requests one client of a class may make per window. */
export interface RateLimitClass {
  points: number;
  durationSeconds: number;
}

/** Per-client rate limits, read from the environment. */
export interface RateLimitConfig {
  /** Whether requests are counted at all (`RATE_LIMIT_ENABLED`, `true`/`false`). Default true. */
  enabled: boolean;
  /**
   * Requests per minute per client: `anonymous` per IP address (`RATE_LIMIT_ANONYMOUS`, default 600),
   * `customer` per signed-in user (`RATE_LIMIT_CUSTOMER`, default 1,200), `partner` per secret API key
   * (`RATE_LIMIT_PARTNER`, default 6,000). Callers with a public API key count as customers or addresses, with
   * or without it.
   */
  classes: Record<ClientClass, RateLimitClass>;
}

/** Reads the rate limits from `env`; throws an error naming the variable for any bad value. */
export function loadRateLimitConfig(env: NodeJS.ProcessEnv): RateLimitConfig {
  const perMinute = (name: string, fallback: number) => ({
    points: readInteger(env, name, fallback, 1, 10_000_000),
    durationSeconds: 60,
  });
  return {
    enabled: readChoice(env, 'RATE_LIMIT_ENABLED', ['true', 'false'], 'true') === 'true',
    classes: {
      anonymous: perMinute('RATE_LIMIT_ANONYMOUS', 600),
      customer: perMinute('RATE_LIMIT_CUSTOMER', 1_200),
      partner: perMinute('RATE_LIMIT_PARTNER', 6_000),
    },
  };
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions {
  /** Limits by client class name. */
  classes: Record<string, RateLimitClass>;
  /** Shared counters for every gateway instance. Default none: counters in this process only. */
  redis?: Redis | Cluster;
  /** Prefix of every Redis key (followed by `<class>:<hash>`). Default `rl:`. */
  keyPrefix?: string;
  /** Longest wait for Redis before counting in this process instead, in ms. Default 100. */
  timeoutMs?: number;
  /**
   * Remembers that Redis stalled, shared with the cache: while it is open, requests are counted in this process
   * at once rather than each waiting `timeoutMs`. Only the cache opens it: a slow answer here may be this
   * process's own busy event loop, which RLWrapperTimeouts cannot tell from a stall, and the cache call that
   * follows on the same request finds a real stall anyway. Default none.
   */
  breaker?: StallBreaker;
  /**
   * Secret for HMAC-SHA-256 of client keys, so that stored hashes cannot be reversed by trying every IP
   * address. Default none: plain SHA-256.
   */
  hashSecret?: string;
}

export type RateLimitDecision =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Client keys whose hash each limiter keeps. */
const HASHES_KEPT = 10_000;

/** Counts requests per client; see {@link createRateLimiter}. */
export interface RateLimiter {
  /**
   * Counts `points` (default 1: one request) of `clientKey` against `clientClass`'s limit. Never rejects for a
   * store failure.
   */
  consume(clientKey: string, clientClass: string, points?: number): Promise<RateLimitDecision>;
}

/**
 * A fixed-window rate limiter per client and class. With Redis the counters are shared by all gateway
 * instances; when Redis is down, slow (past `timeoutMs`) or not yet connected, this process's own counters
 * stand in, so a store failure never refuses or holds up a request. Client keys are hashed before use, so no
 * IP address, user id or API key is stored in clear.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const keyPrefix = options.keyPrefix ?? 'rl:';
  const limiters = new Map<string, { shared?: RateLimiterAbstract; memory: RateLimiterMemory }>();
  const { breaker } = options;
  const timeoutMs = options.timeoutMs ?? 100;
  for (const [name, { points, durationSeconds }] of Object.entries(options.classes)) {
    if (
      !Number.isInteger(points) ||
      points < 1 ||
      !Number.isInteger(durationSeconds) ||
      durationSeconds < 1
    ) {
      throw new TypeError(`rate limit class ${name} needs whole points and durationSeconds of at least 1`);
    }
    const shape = { points, duration: durationSeconds, keyPrefix: `${keyPrefix}${name}` };
    const memory = new RateLimiterMemory(shape);
    const shared = options.redis
      ? new RLWrapperTimeouts({
          limiter: new RateLimiterRedis({
            ...shape,
            storeClient: options.redis,
            rejectIfRedisNotReady: true,
            insuranceLimiter: memory,
          }),
          timeoutMs,
        })
      : undefined;
    limiters.set(name, { memory, ...(shared ? { shared } : {}) });
  }
  // The same callers come back request after request, and an HMAC per request was several per cent of a cached
  // answer's CPU: recent keys keep their hash.
  const hashes = new LRUCache<string, string>({ max: HASHES_KEPT });
  const hash = (key: string) => {
    let hashed = hashes.get(key);
    if (hashed === undefined) {
      hashed = (options.hashSecret ? createHmac('sha256', options.hashSecret) : createHash('sha256'))
        .update(key)
        .digest('base64url');
      hashes.set(key, hashed);
    }
    return hashed;
  };

  return {
    async consume(clientKey, clientClass, points = 1) {
      const limiter = limiters.get(clientClass);
      if (!limiter) throw new TypeError(`unknown rate limit class "${clientClass}"`);
      const key = hash(clientKey);
      const shared = limiter.shared && (breaker?.allows() ?? true) ? limiter.shared : undefined;
      const started = performance.now();
      // RLWrapperTimeouts answers from the in-process counters once Redis took `timeoutMs`: only the time shows it.
      const judge = () => {
        if (shared && performance.now() - started < timeoutMs - 1) breaker?.answered();
      };
      try {
        const result = await (shared ?? limiter.memory).consume(key, points);
        judge();
        return { allowed: true, remaining: result.remainingPoints };
      } catch (rejection) {
        judge();
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        }
        // A store error that even the in-process counters could not absorb: let the request through.
        return { allowed: true, remaining: 0 };
      }
    },
  };
}

/** Who a request is counted against, and under which class's limit. */
export interface Caller {
  key: string;
  clientClass: ClientClass;
}

/** What {@link clientKeyFor} knows about a request's sender. */
export interface CallerFacts {
  /** The registered client whose API key the request carries, if any. */
  apiKey?: { client: string; keyKind: 'public' | 'secret' };
  /** The signed-in customer, if any. */
  customerId?: string;
  /** The client's address (the socket peer, or who trusted proxies forwarded the request for). */
  ip: string;
}

/**
 * Who a request is counted against. A secret API key is one caller: all its requests share the partner bucket. A
 * public key (shipped in an app, so anyone may send it) names the app, not the caller, and changes nothing: the
 * signed-in customer, else the address, has one bucket whichever public key it sends, or none (a key of its own
 * would give every address a second budget for the price of a header).
 */
export function clientKeyFor({ apiKey, customerId, ip }: CallerFacts): Caller {
  if (apiKey?.keyKind === 'secret') return { key: `key:${apiKey.client}`, clientClass: 'partner' };
  if (customerId) return { key: `user:${customerId}`, clientClass: 'customer' };
  return { key: `ip:${ipKey(ip)}`, clientClass: 'anonymous' };
}

/**
 * The address a limit applies to: an IPv4 address as is (also when IPv4-mapped), an IPv6 address by its /64
 * network, since one subscriber usually holds a whole /64 and could otherwise step through it.
 */
function ipKey(ip: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (mapped?.[1]) return mapped[1];
  const address = ip.split('%')[0] ?? ip;
  if (!isIPv6(address)) return ip;
  const [head = '', tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  const groups = [...headGroups, ...zeros, ...tailGroups].slice(0, 4);
  return `${groups.map((group) => parseInt(group, 16).toString(16)).join(':')}::/64`;
}
