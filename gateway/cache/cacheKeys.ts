import { createHash } from 'node:crypto';
import { VARY_DIMENSIONS, type VaryDimension } from '../../contracts/caching.js';
import type { RequestContext } from '../../contracts/requestContext.js';

/** SHA-256 of `text`, hex: every key part that could be long or sensitive goes through this. */
export function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * JSON with object keys sorted at every level, so equal values always give equal keys. Written with an explicit
 * stack rather than recursion, so deeply nested client input cannot overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  let json = '';
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (next instanceof Literal) json += next.text;
    else if (Array.isArray(next)) pushArray(pending, next);
    else if (next !== null && typeof next === 'object') pushObject(pending, next);
    else json += JSON.stringify(next) ?? 'null';
  }
  return json;
}

/** Text to emit as is, between the values still to serialise. */
class Literal {
  constructor(readonly text: string) {}
}

/** Pushes the parts of an array in reverse: popped off the stack, they read `[a,b]`. */
function pushArray(parts: unknown[], array: readonly unknown[]): void {
  parts.push(new Literal(']'));
  for (let index = array.length - 1; index >= 0; index--) {
    parts.push(array[index] === undefined ? null : array[index]);
    if (index > 0) parts.push(new Literal(','));
  }
  parts.push(new Literal('['));
}

/** Pushes the parts of an object, keys sorted, in reverse: popped off the stack, they read `{"a":1,"b":2}`. */
function pushObject(parts: unknown[], object: object): void {
  const record = object as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  parts.push(new Literal('}'));
  for (let index = keys.length - 1; index >= 0; index--) {
    const key = keys[index]!;
    parts.push(record[key], new Literal(`${JSON.stringify(key)}:`));
    if (index > 0) parts.push(new Literal(','));
  }
  parts.push(new Literal('{'));
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

/** Every set of dimensions an answer may vary by, in canonical order; `varySetIndex` finds one in it. */
export const VARY_SETS: readonly (readonly VaryDimension[])[] = Array.from(
  { length: 1 << VARY_DIMENSIONS.length },
  (_, mask) => VARY_DIMENSIONS.filter((_, bit) => (mask & (1 << bit)) !== 0),
);

/** The position of `dimensions` in `VARY_SETS`. */
export function varySetIndex(dimensions: Iterable<VaryDimension>): number {
  let mask = 0;
  for (const dimension of dimensions) mask |= 1 << VARY_DIMENSIONS.indexOf(dimension);
  return mask;
}

/** `varyKey` for every set of `VARY_SETS`, in order, each value worked out once. */
export function everyVaryKey(request: RequestContext): string[] {
  const values = new Map(VARY_DIMENSIONS.map((dimension) => [dimension, varyValue(dimension, request)]));
  return VARY_SETS.map((set) => set.map((dimension) => `${dimension}=${values.get(dimension)}`).join('&'));
}

/** Reads a list of vary dimensions back from JSON; undefined unless every item is one. */
export function parseVaryList(value: unknown): VaryDimension[] | undefined {
  const known: readonly unknown[] = VARY_DIMENSIONS;
  return Array.isArray(value) && value.every((item) => known.includes(item))
    ? (value as VaryDimension[])
    : undefined;
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
