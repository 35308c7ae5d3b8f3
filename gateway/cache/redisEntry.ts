import type { CacheEntry } from './Cache.js';

/** An entry as `RedisCache` stores it: one JSON string with short field names, so one GET reads it whole. */
interface Encoded {
  v: string;
  s: number;
  t: number;
  g: string[];
  /** Present (1) on a placeholder written by `reserve`. */
  p?: 1;
}

/** The stored form of `entry`; with `pending`, of a placeholder that readers see as absent. */
export function encodeEntry(entry: CacheEntry, pending = false): string {
  const encoded: Encoded = { v: entry.value, s: entry.storedAt, t: entry.ttlSeconds, g: [...entry.tags] };
  if (pending) encoded.p = 1;
  return JSON.stringify(encoded);
}

/**
 * Reads a stored entry back; a placeholder, and anything that is not our JSON (another writer, a format change),
 * counts as absent.
 */
export function decodeEntry(raw: string | null): CacheEntry | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, s, t, g, p } = parsed as Partial<Record<keyof Encoded, unknown>>;
  if (p !== undefined) return undefined;
  if (typeof v !== 'string' || typeof s !== 'number' || typeof t !== 'number') return undefined;
  if (!Array.isArray(g) || !g.every((tag): tag is string => typeof tag === 'string')) return undefined;
  return { value: v, storedAt: s, ttlSeconds: t, tags: g };
}
