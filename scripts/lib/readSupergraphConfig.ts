import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';

/** Where a subgraph's SDL comes from, as rover's `schema:` says. */
export type SubgraphSchemaSource =
  /** `schema: { file: ./path }`, resolved against the config file's folder. */
  | { kind: 'file'; file: string }
  /** `schema: { sdl: "…" }`. */
  | { kind: 'sdl'; sdl: string }
  /** `schema: { subgraph_url: …, introspection_headers: {…} }`: read from the running subgraph. */
  | { kind: 'subgraph_url'; url: string; headers: Record<string, string> };

/** One subgraph of `supergraph.yaml`. */
export interface SubgraphConfig {
  name: string;
  /** `routing_url`: where the gateway sends its fetches. */
  routingUrl: string;
  schema: SubgraphSchemaSource;
}

/** Rover's supergraph config (`supergraph.yaml`). */
export interface SupergraphConfig {
  /** `federation_version` as written (`=2.14.4`, `2`); undefined when absent. */
  federationVersion: string | undefined;
  subgraphs: SubgraphConfig[];
}

/**
 * Reads rover's `supergraph.yaml` (see `parseSupergraphConfig`).
 * @param env the variables `${env.NAME}` reads; default none, so a config that uses one is refused.
 */
export async function readSupergraphConfig(
  configPath: string,
  env: Readonly<Record<string, string | undefined>> = {},
): Promise<SupergraphConfig> {
  return parseSupergraphConfig(await readFile(configPath, 'utf8'), configPath, env);
}

/**
 * Parses rover's `supergraph.yaml`: `federation_version` and each subgraph's `routing_url` and `schema` (`file`,
 * resolved against `configPath`'s folder, `sdl`, or `subgraph_url` with `introspection_headers`). Header values
 * may use rover's `${env.NAME}`, read from `env`. Throws an error naming the file and the key for anything else, a
 * `graphref` source included (it needs GraphOS).
 * @param env the variables `${env.NAME}` reads; default none, so a config that uses one is refused.
 */
export function parseSupergraphConfig(
  text: string,
  configPath: string,
  env: Readonly<Record<string, string | undefined>> = {},
): SupergraphConfig {
  const fail = (message: string) => new Error(`${path.basename(configPath)}: ${message}`);
  const parsed: unknown = YAML.parse(text);
  const { federation_version: version, subgraphs } = (parsed ?? {}) as Record<string, unknown>;
  if (version !== undefined && typeof version !== 'string' && typeof version !== 'number') {
    throw fail(`federation_version must be a version such as =2.14.4 or 2; got ${JSON.stringify(version)}`);
  }
  if (!isRecord(subgraphs)) throw fail('expected a "subgraphs" map');
  const interpolate = (value: string, key: string) =>
    value.replace(/\$\{env\.([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) throw fail(`${key} reads \${env.${name}}, which is not set`);
      return found;
    });
  return {
    federationVersion: version === undefined ? undefined : String(version),
    subgraphs: Object.entries(subgraphs).map(([name, entry]) => {
      const key = `subgraphs.${name}`;
      if (!isRecord(entry)) throw fail(`${key} must be a map with routing_url and schema`);
      const { routing_url: routingUrl, schema } = entry;
      if (typeof routingUrl !== 'string') throw fail(`${key}.routing_url is missing`);
      return { name, routingUrl, schema: schemaSource(schema, key) };
    }),
  };

  function schemaSource(schema: unknown, key: string): SubgraphSchemaSource {
    if (!isRecord(schema)) throw fail(`${key}.schema is missing: give it file, sdl or subgraph_url`);
    if (typeof schema['file'] === 'string') {
      return { kind: 'file', file: path.resolve(path.dirname(configPath), schema['file']) };
    }
    if (typeof schema['sdl'] === 'string') return { kind: 'sdl', sdl: schema['sdl'] };
    if (typeof schema['subgraph_url'] === 'string') {
      const headers = schema['introspection_headers'] ?? {};
      if (!isRecord(headers) || Object.values(headers).some((value) => typeof value !== 'string')) {
        throw fail(`${key}.schema.introspection_headers must map header names to strings`);
      }
      return {
        kind: 'subgraph_url',
        url: schema['subgraph_url'],
        headers: Object.fromEntries(
          Object.entries(headers as Record<string, string>).map(([header, value]) => [
            header,
            interpolate(value, `${key}.schema.introspection_headers.${header}`),
          ]),
        ),
      };
    }
    if ('graphref' in schema) {
      throw fail(
        `${key}.schema.graphref reads a subgraph from GraphOS, which this project does not use: ` +
          'give it file, sdl or subgraph_url (or publish it to the schema registry)',
      );
    }
    throw fail(
      `${key}.schema has none of file, sdl, subgraph_url; got ${Object.keys(schema).join(', ') || 'nothing'}`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
