import { createHash } from 'node:crypto';
import { VARY_DIMENSIONS, type VaryDimension } from '../../contracts/caching.js';
import type { RequestContext } from '../../contracts/requestContext.js';

/** SHA-256 of `text`, hex: every key part that could be long or sensitive goes through this. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always give equal keys. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/**
 * The part of a key that varies with the request: the value of each dimension an answer depended on, and nothing
 * else. The viewer appears only as a hash (of id and roles), never in clear.
 */
export function varyKey(dimensions: Iterable<VaryDimension>, request: RequestContext): string {
  const used = new Set(dimensions);
  return VARY_DIMENSIONS.filter((dimension) => used.has(dimension))
    .map((dimension) => `${dimension}=${varyValue(dimension, request)}`)
    .join('&');
}

function varyValue(dimension: VaryDimension, request: RequestContext): string {
  switch (dimension) {
    case 'locale':
      return request.locale;
    case 'market':
      return request.market;
    case 'segment':
      return request.segment ?? '-';
    case 'viewer':
      return request.viewer
        ? digest(`${request.viewer.customerId}|${[...request.viewer.roles].sort().join(',')}`).slice(0, 32)
        : 'anonymous';
  }
}
