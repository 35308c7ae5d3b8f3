/** What a purge asks for: these tags purged, or everything. */
export type PurgeRequest = { tags: string[] } | { all: true };

/** Most tags one message may name; a larger message is refused rather than half-applied. */
const MAX_TAGS = 10_000;

/** Parses `{"tags": ["Product:42"]}` or `{"all": true}`; null for anything else. */
export function parsePurgeRequest(message: string): PurgeRequest | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const { tags, all } = parsed as { tags?: unknown; all?: unknown };
  if (all === true) return { all: true };
  if (!Array.isArray(tags) || tags.length === 0 || tags.length > MAX_TAGS) return null;
  if (!tags.every((tag) => typeof tag === 'string' && /^[A-Za-z_][A-Za-z0-9_]*(:[^\s]{1,200})?$/.test(tag)))
    return null;
  return { tags: tags as string[] };
}
