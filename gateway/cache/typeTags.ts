/**
 * Adds the bare type of every entity tag (`Product:42` → `Product`), so that purging a type purges every entry
 * holding an entity of that type.
 */
export function typeTags(tags: Iterable<string>): string[] {
  const all = new Set<string>();
  for (const tag of tags) {
    all.add(tag);
    const separator = tag.indexOf(':');
    if (separator > 0) all.add(tag.slice(0, separator));
  }
  return [...all];
}
