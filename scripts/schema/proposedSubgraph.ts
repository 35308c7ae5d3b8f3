import { readFile } from 'node:fs/promises';
import type { SubgraphSchema } from '../../registry/check/SchemaCheck.js';
import { loadSubgraphSchemas } from '../lib/loadSubgraphSchemas.js';
import { readSupergraphConfig } from '../lib/readSupergraphConfig.js';
import type { SchemaCommandConfig } from './config.js';
import { CannotRun } from './SchemaCommand.js';

/**
 * The subgraph a registry command sends: `name` with the routing URL `flags.url`, else `SUBGRAPH_<NAME>_URL`, else
 * supergraph.yaml's `routing_url`, and the SDL of the file `flags.sdl`, else of its source in supergraph.yaml. A subgraph that
 * supergraph.yaml does not list (another repository's) needs `--sdl`, and `--url` unless `urlOptional` (a check
 * of a published subgraph: the registry knows its URL). Throws `CannotRun` naming what is missing.
 */
export async function proposedSubgraph(
  config: SchemaCommandConfig,
  name: string,
  flags: { url?: string | undefined; sdl?: string | undefined },
  urlOptional: true,
): Promise<Omit<SubgraphSchema, 'url'> & { url: string | undefined }>;
export async function proposedSubgraph(
  config: SchemaCommandConfig,
  name: string,
  flags: { url?: string | undefined; sdl?: string | undefined },
): Promise<SubgraphSchema>;
export async function proposedSubgraph(
  config: SchemaCommandConfig,
  name: string,
  flags: { url?: string | undefined; sdl?: string | undefined },
  urlOptional = false,
): Promise<Omit<SubgraphSchema, 'url'> & { url: string | undefined }> {
  const listed = (await readSupergraphConfig(config.supergraphConfigPath, config.variables)).subgraphs;
  const entry = listed.find((subgraph) => subgraph.name === name);
  const url = flags.url ?? config.subgraphUrls[name] ?? entry?.routingUrl;
  if (!entry && (flags.sdl === undefined || (url === undefined && !urlOptional))) {
    throw new CannotRun(
      `supergraph.yaml has no subgraph "${name}" (it has ${listed.map((s) => s.name).join(', ')}): ` +
        `give its ${urlOptional ? '--sdl' : '--url and --sdl'}`,
    );
  }
  const sdl = flags.sdl === undefined ? undefined : await readSdl(flags.sdl);
  if (sdl !== undefined) return { name, url, sdl };
  const [loaded] = await loadSubgraphSchemas([entry!], { secret: config.internalSecret }).catch(
    (error: Error) => {
      throw new CannotRun(error.message);
    },
  );
  return { name, url, sdl: loaded!.sdl };
}

async function readSdl(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CannotRun(`--sdl ${file}: ${(error as Error).message}`);
  }
}
