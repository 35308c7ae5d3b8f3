import path from 'node:path';
import { readInternalAuthSecret } from '../../contracts/env.js';
import { loadOperationLimitsConfig } from '../../gateway/limits/operationLimits.js';
import type { CostLimit } from '../../gateway/schema/prepareSupergraph.js';
import { loadPartnersConfig } from '../../gateway/partners/loadPartnersConfig.js';

/** The settings of `npm run compose` and `npm run schema -- <command>`. */
export interface SchemaCommandConfig {
  /** The repository root; relative paths below are resolved against it. */
  root: string;
  /** Rover's supergraph config. Default `supergraph.yaml`. */
  supergraphConfigPath: string;
  /** The composed supergraph, written by compose, read at a git ref by the check. Default `schema/supergraph.graphql`. */
  supergraphPath: string;
  /** The storefront's page operations. Default `schema/operations`. */
  operationsDir: string;
  /** The client registry (`CLIENTS_PATH`, as the gateway reads it). Default `config/clients.json`. */
  clientsPath: string;
  /** The persisted-query manifest (`PERSISTED_QUERY_MANIFEST_PATH`). Default `schema/persisted-query-manifest.json`. */
  manifestPath: string;
  /** The policy rules' severities (`SCHEMA_POLICY_PATH`). Default `schema/policy.yaml`. */
  policyPath: string;
  /** The gateway's cost limit (`LIMIT_MAX_COST`, `LIMIT_DEFAULT_LIST_SIZE`, as the gateway reads them). */
  limits: CostLimit;
  /** What a `subgraph_url` source is asked with (`INTERNAL_AUTH_SECRET`; the development secret outside production). */
  internalSecret: string;
  /** The registry (`REGISTRY_URL`, `REGISTRY_TOKEN`); null without `REGISTRY_URL`: local mode. */
  registry: { url: string; token: string | undefined } | null;
  /** The variables `supergraph.yaml` may read with rover's `${env.NAME}`. */
  variables: Readonly<Record<string, string | undefined>>;
  /**
   * Routing URLs to publish instead of supergraph.yaml's, by subgraph (`SUBGRAPH_<NAME>_URL`, as the gateway reads
   * them): where the gateways and the registry reach each subgraph in a deployment. Default none.
   */
  subgraphUrls: Readonly<Record<string, string>>;
}

/** Reads the schema commands' settings from `env`; throws an error naming the variable for a bad value. */
export function loadSchemaConfig(env: NodeJS.ProcessEnv, root: string): SchemaCommandConfig {
  const { maxCost, defaultListSize } = loadOperationLimitsConfig(env);
  const registryUrl = env['REGISTRY_URL'] || undefined;
  if (registryUrl !== undefined && !URL.canParse(registryUrl)) {
    throw new Error(`REGISTRY_URL is "${registryUrl}"; use the registry's http(s) URL`);
  }
  return {
    root,
    supergraphConfigPath: path.join(root, 'supergraph.yaml'),
    supergraphPath: path.join(root, 'schema', 'supergraph.graphql'),
    operationsDir: path.join(root, 'schema', 'operations'),
    ...loadPartnersConfig(env, root),
    policyPath: path.resolve(root, env['SCHEMA_POLICY_PATH'] || 'schema/policy.yaml'),
    limits: { maxCost, defaultListSize },
    internalSecret: readInternalAuthSecret(env),
    registry: registryUrl ? { url: registryUrl, token: env['REGISTRY_TOKEN'] || undefined } : null,
    variables: { ...env },
    subgraphUrls: readSubgraphUrls(env),
  };
}

function readSubgraphUrls(env: NodeJS.ProcessEnv): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const subgraph = /^SUBGRAPH_([A-Z0-9_]+)_URL$/.exec(name)?.[1];
    if (!subgraph || !value) continue;
    if (!URL.canParse(value)) throw new Error(`${name} is "${value}"; use the subgraph's http(s) URL`);
    urls[subgraph.toLowerCase()] = value;
  }
  return urls;
}
