/** One scrape: each sample's value by its series, written `name{a="1",b="2"}` with labels in name order. */
export type Samples = ReadonlyMap<string, number>;

/** Fetches `url` (with `init`) and parses its Prometheus text format; throws for any answer but 200. */
export async function scrape(url: string, init?: RequestInit): Promise<Samples> {
  const response = await fetch(url, init);
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  const samples = new Map<string, number>();
  for (const line of (await response.text()).split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels = [...(match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)]
      .map(([, name, value]) => ({ name: name!, value: value! }))
      .sort((a, b) => a.name.localeCompare(b.name));
    samples.set(
      seriesKey(match[1]!, Object.fromEntries(labels.map((l) => [l.name, l.value]))),
      Number(match[3]),
    );
  }
  return samples;
}

/** The value of series `name` with exactly `labels` in `samples`, 0 when absent. */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  return samples.get(seriesKey(name, labels)) ?? 0;
}

/** Every series of `samples` whose name is `name`, as keys. */
export function seriesOf(samples: Samples, name: string): string[] {
  return [...samples.keys()].filter((key) => key === name || key.startsWith(`${name}{`));
}

function seriesKey(name: string, labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  if (names.length === 0) return name;
  return `${name}{${names.map((label) => `${label}="${labels[label]}"`).join(',')}}`;
}
