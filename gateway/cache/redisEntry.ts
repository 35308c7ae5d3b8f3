import type { CacheEntry } from './Cache.js';

/** An entry as `RedisCache` stores it: one JSON string with short field names, so one GET reads it whole. */
interface Encoded {
  v: string;
  s: number;
  t: number;
  g: string[];
}

/** The stored form of `entry`. */
export function encodeEntry(entry: CacheEntry): string {
  const encoded: Encoded = { v: entry.value, s: entry.storedAt, t: entry.ttlSeconds, g: [...entry.tags] };
  return JSON.stringify(encoded);
}

/** Reads a stored entry back; anything that is not our JSON (another writer, a format change) counts as absent. */
export function decodeEntry(raw: string | null): CacheEntry | undefined {
  if (raw === null) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { v, s, t, g } = parsed as Partial<Record<keyof Encoded, unknown>>;
  if (typeof v !== 'string' || typeof s !== 'number' || typeof t !== 'number') return undefined;
  if (!Array.isArray(g) || !g.every((tag): tag is string => typeof tag === 'string')) return undefined;
  return { value: v, storedAt: s, ttlSeconds: t, tags: g };
}
