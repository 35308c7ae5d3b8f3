import { readFile } from 'node:fs/promises';
import { fetchServiceSdl } from '../../contracts/fetchServiceSdl.js';
import type { SubgraphSchema } from '../../registry/check/SchemaCheck.js';
import type { SubgraphConfig } from './readSupergraphConfig.js';

/** Options of {@link loadSubgraphSchemas}. */
export interface LoadSubgraphSchemasOptions {
  /** The internal secret a `subgraph_url` source is asked with (see `fetchServiceSdl`). */
  secret: string;
  /** SDL to use instead of a subgraph's source, by subgraph name (the check's `--sdl`); default none. */
  replacements?: Readonly<Record<string, string>>;
}

/**
 * The SDL of each subgraph of `supergraph.yaml`, in its order: its file read, its inline `sdl`, or its running
 * server's `{ _service { sdl } }`. Throws, naming the subgraph, for a file that cannot be read or a subgraph
 * that does not answer.
 */
export async function loadSubgraphSchemas(
  subgraphs: readonly SubgraphConfig[],
  options: LoadSubgraphSchemasOptions,
): Promise<SubgraphSchema[]> {
  return Promise.all(
    subgraphs.map(async ({ name, routingUrl, schema }) => {
      const replaced = options.replacements?.[name];
      if (replaced !== undefined) return { name, url: routingUrl, sdl: replaced };
      try {
        const sdl =
          schema.kind === 'file'
            ? await readFile(schema.file, 'utf8')
            : schema.kind === 'sdl'
              ? schema.sdl
              : await fetchServiceSdl(schema.url, { secret: options.secret, headers: schema.headers });
        return { name, url: routingUrl, sdl };
      } catch (error) {
        throw new Error(`subgraph ${name}: ${(error as Error).message}`);
      }
    }),
  );
}
