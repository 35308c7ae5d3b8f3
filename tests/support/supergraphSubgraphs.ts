import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** One subgraph of `supergraph.yaml`: its name and where the supergraph routes it. */
export interface SupergraphSubgraph {
  name: string;
  routingUrl: string;
  /** The routing URL's port: where the subgraph listens by default, and the port deployments give it. */
  port: number;
}

const SUPERGRAPH_YAML = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../supergraph.yaml');

/**
 * The subgraphs of `supergraph.yaml` (default: the repository's), in its order: the one list of subgraphs that
 * tests, `subgraphs/index.ts`, compose and the k8s manifests are checked against. Read synchronously so that a
 * test file can build its cases from it.
 */
export function supergraphSubgraphs(configPath = SUPERGRAPH_YAML): SupergraphSubgraph[] {
  const config = parse(readFileSync(configPath, 'utf8')) as {
    subgraphs?: Record<string, { routing_url?: string }>;
  } | null;
  if (!config?.subgraphs) throw new Error(`${configPath}: expected a "subgraphs" map`);
  return Object.entries(config.subgraphs).map(([name, entry]) => {
    if (typeof entry?.routing_url !== 'string') {
      throw new Error(`${configPath}: subgraphs.${name}.routing_url is missing`);
    }
    return { name, routingUrl: entry.routing_url, port: Number(new URL(entry.routing_url).port) };
  });
}
