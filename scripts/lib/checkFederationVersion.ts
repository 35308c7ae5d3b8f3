import { createRequire } from 'node:module';

/** The version of `@apollo/composition` installed, which `npm run compose` and the schema check compose with. */
export function installedCompositionVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@apollo/composition/package.json') as { version: string }).version;
}

/**
 * Holds `supergraph.yaml`'s `federation_version` to the installed composition, with rover's meaning: `=2.14.4`
 * is that exact version; `2` (also `2.x`, `latest-2`) is any 2.x; absent is the installed one. Rover downloads the
 * composition a pin names; this project composes with the one `package.json` installs, so a pin to another
 * version throws, saying which version is installed and what to write.
 */
export function checkFederationVersion(
  requested: string | undefined,
  installed = installedCompositionVersion(),
): void {
  if (requested === undefined) return;
  const major = installed.split('.')[0];
  const wanted = requested.trim();
  if ([major, `${major}.x`, `latest-${major}`].includes(wanted)) return;
  if (wanted === `=${installed}`) return;
  const advice =
    `@apollo/composition ${installed} is installed: write federation_version: =${installed} ` +
    `(or ${major} for any ${major}.x), or install the composition version you need`;
  throw new Error(
    `supergraph.yaml: federation_version ${requested} is not the composition this project runs; ${advice}`,
  );
}
