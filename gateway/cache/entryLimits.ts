import type { SetOptions } from './Cache.js';

/** The largest value either adapter stores by default (512 KiB); larger values are not cached at all. */
export const DEFAULT_MAX_VALUE_BYTES = 512 * 1024;

/**
 * How long an entry set with `options` is kept, in ms: its fresh time plus its grace window. Throws a `TypeError`
 * naming the field for a lifetime the interface does not allow, since that is a caller's bug, not a cache miss.
 */
export function lifetimeMs(options: SetOptions): number {
  const { ttlSeconds, graceSeconds = 0 } = options;
  if (typeof ttlSeconds !== 'number' || !Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new TypeError(`ttlSeconds must be a positive number; got ${String(ttlSeconds)}`);
  }
  if (typeof graceSeconds !== 'number' || !Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new TypeError(`graceSeconds must be zero or a positive number; got ${String(graceSeconds)}`);
  }
  // Rounded up so that a fractional lifetime never expires earlier than asked (Redis PX takes whole ms).
  return Math.ceil((ttlSeconds + graceSeconds) * 1000);
}

/**
 * What one in-process entry costs beyond its value, key and tags, in bytes: the entry objects and the LRU's slots.
 * Measured as heap growth over 100,000 entries on Node 20: about 310.
 */
export const ENTRY_OVERHEAD_BYTES = 320;

/**
 * What each tag of an in-process entry costs beyond its characters: its member of the tag index, from about 20
 * bytes for a tag many entries share to about 230 for a tag of its own (a new set); entity tags are mostly the latter.
 */
export const TAG_OVERHEAD_BYTES = 128;

/**
 * The memory an in-process entry takes, for the store's byte bound: its value's UTF-8 length (`valueBytes`), its
 * key and tags, and the overheads above. Counting values alone let a store of small entity entries take several
 * times its bound.
 */
export function entryBytes(key: string, valueByteLength: number, tags: readonly string[]): number {
  let bytes = ENTRY_OVERHEAD_BYTES + valueByteLength + key.length;
  for (const tag of tags) bytes += TAG_OVERHEAD_BYTES + tag.length;
  return bytes;
}

/** The size of `value` as stored: its UTF-8 length, which is what both memory and the wire pay for. */
export function valueBytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
