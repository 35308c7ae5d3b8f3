/** A column whose gateway runs: where to send load, and which process to measure. */
export interface LiveColumn {
  id: string;
  label: string;
  /** Whether it has a cache to warm: one pass over each page's rotation first, and top-ups between windows. */
  warm: boolean;
  /** The GraphQL endpoint. */
  url: string;
  /** The leader of the gateway's process group. */
  pid: number;
  /** Where its warm passes go instead of `url`, with these headers (column (b) warms through (f), which records). */
  warmThrough?: { url: string; headers: Record<string, string> };
  /** No warm-up of its own: (f) replays what (b)'s warm pass recorded. */
  replaysOnly?: boolean;
}
