import { fetchServiceSdl } from '../../contracts/fetchServiceSdl.js';
import type { SubgraphSchema } from '../check/SchemaCheck.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import { schemaCoordinates } from './schemaCoordinates.js';

/** How the registry reaches running subgraphs. */
export interface DeploymentCheckOptions {
  /** The secret gateway and subgraphs share (`INTERNAL_AUTH_SECRET`): the registry asks as the gateway would. */
  internalAuthSecret: string;
  /** Longest wait for one subgraph's answer, in ms. */
  timeoutMs: number;
}

/**
 * Makes sure each subgraph's running server, at its routing URL, already serves the schema being published: every
 * type, field, argument and enum value of `subgraph.sdl` must be in the SDL it answers to `{ _service { sdl } }`.
 * What the running server has beyond that (a field about to be removed) does not matter: removals publish first and
 * deploy after. The subgraphs are asked together.
 * @throws RegistryError `SUBGRAPH_UNREACHABLE` when one did not answer with its SDL, else `SUBGRAPH_NOT_DEPLOYED`
 *   naming every coordinate each one lacks.
 */
export async function verifyDeployed(
  subgraphs: readonly SubgraphSchema[],
  options: DeploymentCheckOptions,
): Promise<void> {
  const results = await Promise.all(
    subgraphs.map(async (subgraph) => {
      const served = await servedCoordinates(subgraph, options).then(
        (coordinates) => ({ coordinates }),
        (error: Error) => ({ error: error.message }),
      );
      if ('error' in served) return { subgraph, unreachable: served.error, missing: [] };
      const missing = schemaCoordinates(subgraph.sdl).filter(
        (coordinate) => !served.coordinates.has(coordinate),
      );
      return { subgraph, unreachable: undefined, missing };
    }),
  );
  const unreachable = results.filter((result) => result.unreachable !== undefined);
  if (unreachable.length > 0) {
    throw new RegistryError(
      RegistryErrorCode.SubgraphUnreachable,
      unreachable.map((result) => result.unreachable).join('; '),
      {
        subgraphs: unreachable.map(({ subgraph }) => ({
          name: subgraph.name,
          url: displayUrl(subgraph.url),
        })),
      },
    );
  }
  const lacking = results.filter((result) => result.missing.length > 0);
  if (lacking.length === 0) return;
  const which = lacking.length === 1 ? 'the subgraph' : 'the subgraphs';
  throw new RegistryError(
    RegistryErrorCode.SubgraphNotDeployed,
    `${lacking
      .map(
        ({ subgraph, missing }) =>
          `${subgraph.name} at ${displayUrl(subgraph.url)} does not serve ${missing.join(', ')} yet`,
      )
      .join('; ')}: deploy ${which} first, then publish`,
    {
      subgraphs: lacking.map(({ subgraph, missing }) => ({
        name: subgraph.name,
        url: displayUrl(subgraph.url),
        missing,
      })),
    },
  );
}

/**
 * The coordinates of the SDL the subgraph at `subgraph.url` serves; throws an error naming it when it does not
 * answer with SDL that parses.
 */
async function servedCoordinates(
  subgraph: SubgraphSchema,
  options: DeploymentCheckOptions,
): Promise<Set<string>> {
  const sdl = await fetchServiceSdl(subgraph.url, {
    secret: options.internalAuthSecret,
    timeoutMs: options.timeoutMs,
  }).catch((error: unknown) => {
    throw new Error(`${subgraph.name}: ${(error as Error).message}`);
  });
  try {
    return new Set(schemaCoordinates(sdl));
  } catch (error) {
    throw new Error(
      `${subgraph.name} at ${displayUrl(subgraph.url)} serves SDL that does not parse: ${(error as Error).message}`,
    );
  }
}

/** A routing URL as messages and logs show it: without user, password or query, where a credential could sit. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
