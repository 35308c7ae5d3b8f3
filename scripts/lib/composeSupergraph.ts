import { composeServices } from '@apollo/composition';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type GraphQLSchema } from 'graphql';
import YAML from 'yaml';

/** One entry of `supergraph.yaml`, in rover's format. */
export interface SubgraphEntry {
  name: string;
  routingUrl: string;
  schemaFile: string;
}

export type CompositionResult =
  | { ok: true; supergraphSdl: string; apiSchema: GraphQLSchema }
  | { ok: false; errors: { subgraph: string | null; message: string }[] };

/** Reads rover's `supergraph.yaml`; schema paths are resolved against the file's folder. */
export async function readSupergraphConfig(configPath: string): Promise<SubgraphEntry[]> {
  const parsed: unknown = YAML.parse(await readFile(configPath, 'utf8'));
  const subgraphs = (parsed as { subgraphs?: unknown } | null)?.subgraphs;
  if (!subgraphs || typeof subgraphs !== 'object') {
    throw new Error(`${configPath}: expected a "subgraphs" map`);
  }
  return Object.entries(subgraphs as Record<string, unknown>).map(([name, entry]) => {
    const { routing_url: routingUrl, schema } = (entry ?? {}) as {
      routing_url?: unknown;
      schema?: { file?: unknown };
    };
    if (typeof routingUrl !== 'string')
      throw new Error(`${configPath}: subgraphs.${name}.routing_url is missing`);
    if (typeof schema?.file !== 'string')
      throw new Error(`${configPath}: subgraphs.${name}.schema.file is missing`);
    return { name, routingUrl, schemaFile: path.resolve(path.dirname(configPath), schema.file) };
  });
}

/**
 * Composes the subgraphs' SDL into a supergraph, or returns every composition error with its subgraph; SDL that
 * does not parse is an error of its subgraph too.
 */
export async function composeSupergraph(entries: readonly SubgraphEntry[]): Promise<CompositionResult> {
  const services: Parameters<typeof composeServices>[0] = [];
  const unparsed: { subgraph: string; message: string }[] = [];
  for (const entry of entries) {
    const sdl = await readFile(entry.schemaFile, 'utf8');
    try {
      services.push({ name: entry.name, url: entry.routingUrl, typeDefs: parse(sdl) });
    } catch (error) {
      unparsed.push({ subgraph: entry.name, message: `${entry.schemaFile}: ${(error as Error).message}` });
    }
  }
  if (unparsed.length) return { ok: false, errors: unparsed };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => ({
        subgraph: subgraphOf(error.extensions?.['originalError'] ?? error, entries) ?? null,
        message: error.message,
      })),
    };
  }
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    apiSchema: result.schema.toAPISchema().toGraphQLJSSchema(),
  };
}

// Composition messages name subgraphs as `Subgraph "catalog"` or `subgraph "catalog"`; take the first one named.
function subgraphOf(error: unknown, entries: readonly SubgraphEntry[]): string | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return entries.find((entry) => message.includes(`"${entry.name}"`))?.name;
}
