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

/** The size of `value` as stored: its UTF-8 length, which is what both memory and the wire pay for. */
export function valueBytes(value: string): number {
  return Buffer.byteLength(value, 'utf8');
}
