import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PeerIdentityOptions } from './peerIdentity.js';

/** What every peer gateway process is told: the only reader of a peer's arguments and environment. */
export interface PeerOptions {
  /** TCP port on 127.0.0.1 (`--port`). */
  port: number;
  /** Subgraph name → URL (`--subgraphs`, JSON). */
  subgraphs: Record<string, string>;
  /** Whether the peer's own response cache is on (`--response-cache`). Default off. */
  responseCache: boolean;
  /** The committed supergraph. */
  supergraphPath: string;
  /** From `AUTH_SECRET` and `INTERNAL_AUTH_SECRET`, as this gateway reads them. */
  identity: PeerIdentityOptions;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function readPeerOptions(argv: string[], env: NodeJS.ProcessEnv): PeerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      subgraphs: { type: 'string' },
      'response-cache': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`--port is "${values.port}"; use a TCP port`);
  const authSecret = env['AUTH_SECRET'];
  const internalAuthSecret = env['INTERNAL_AUTH_SECRET'];
  if (!authSecret || !internalAuthSecret) throw new Error('AUTH_SECRET and INTERNAL_AUTH_SECRET must be set');
  return {
    port,
    subgraphs: JSON.parse(values.subgraphs ?? '{}') as Record<string, string>,
    responseCache: values['response-cache'],
    supergraphPath: path.join(root, 'schema', 'supergraph.graphql'),
    identity: { authSecret, internalAuthSecret },
  };
}
