import type { ClientPolicy, KeyKind } from '../gateway/partners/ClientRegistry.js';
import type { ClientOperation, SchemaCheckReport, SubgraphSchema } from './check/SchemaCheck.js';
import type { ExcludedOperation, VersionAction } from './store/RegistryStore.js';

/**
 * The bodies the registry's HTTP API takes and answers (registry/README.md has the table), shared by the service
 * and `RegistryClient` so that the two cannot drift apart. Errors answer `{ error: RegistryApiError }`.
 */

/** An error answer's `error`: a stable `code` (see `RegistryErrorCode`), a message, and details per code. */
export interface RegistryApiError {
  code: string;
  message: string;
  /** `CHECK_FAILED`, `COMPOSITION_FAILED`: the check's report. */
  report?: SchemaCheckReport;
  /** `SUBGRAPH_NOT_DEPLOYED`, `SUBGRAPH_UNREACHABLE`: each subgraph, and the coordinates it lacks. */
  subgraphs?: { name: string; url: string; missing?: string[] }[];
}

/** `POST /publish`. */
export interface PublishBody {
  subgraphs: SubgraphSchema[];
  author: string;
  commit?: string | null;
  approval?: { reason: string } | null;
}

/** `POST /rollback`. */
export interface RollbackBody {
  version: number;
  author: string;
  commit?: string | null;
  /** Needed when the check fails; recorded as the approval. */
  reason?: string | null;
}

/** `POST /subgraphs/:name/check`: the proposed SDL; `url` only counts for a subgraph not published yet. */
export interface CheckBody {
  sdl: string;
  url?: string;
}

/** `PUT /operations`. */
export interface OperationsBody {
  client: string;
  operations: Omit<ClientOperation, 'client'>[];
}

/** `PUT /operations`'s answer: how many operations `client` now has, checked against `version`. */
export interface OperationsAnswer {
  client: string;
  operations: number;
  version: number | null;
}

/** `POST /publish` and `POST /rollback`: 201 with a new version, or 200 when the supergraph is unchanged. */
export type WriteAnswer =
  | {
      unchanged?: false;
      version: number;
      schemaVersion: string;
      /** Whether a failed check was approved. */
      approved: boolean;
      /** The registered operations this version breaks, no longer served to gateways. */
      excludedOperations: ExcludedOperation[];
      report: SchemaCheckReport;
    }
  | { unchanged: true; version: number; schemaVersion: string };

/** One entry of `GET /versions` (newest first). */
export interface VersionEntry {
  version: number;
  /** ISO 8601. */
  createdAt: string;
  author: string;
  commit: string | null;
  action: VersionAction;
  /** The subgraphs it changed, added or removed. */
  subgraphs: string[];
  approval: { reason: string } | null;
  schemaVersion: string;
  rolledBackTo: number | null;
  changes: { breaking: number; dangerous: number; safe: number };
  excludedOperations: ExcludedOperation[];
}

/** `GET /versions/:n`: its entry, every subgraph of it, and the check's report. */
export interface VersionDetail extends VersionEntry {
  snapshot: SubgraphSchema[];
  report: SchemaCheckReport;
}

/** `POST /clients`: a new client; with `apiKeySha256` (seeding from `config/clients.json`) no key is made. */
export interface CreateClientBody {
  name: string;
  kind: KeyKind;
  policy: ClientPolicy;
  /** The digest of a key the client already has; without it the registry makes a key and answers it once. */
  apiKeySha256?: string;
}

/** `POST /clients`'s answer (201): the client, and its key unless it was created by digest. */
export interface CreateClientAnswer {
  name: string;
  kind: KeyKind;
  policy: ClientPolicy;
  /** The new API key, shown this once: the registry keeps only its SHA-256. */
  key?: string;
}

/** One entry of `GET /clients`: the client and every key it had, oldest first, without digests. */
export interface ClientEntry {
  name: string;
  kind: KeyKind;
  policy: ClientPolicy;
  /** ISO 8601, as every time below. */
  createdAt: string;
  keys: { createdAt: string; expiresAt: string | null; revokedAt: string | null; live: boolean }[];
}

/** `POST /clients/:name/keys`: how long the keys it replaces keep working (default 86,400 s; 0: not at all). */
export interface RotateKeyBody {
  overlapSeconds?: number;
}

/** `POST /clients/:name/keys`'s answer (201): the new key, shown this once, and when the earlier keys expire. */
export interface RotateKeyAnswer {
  name: string;
  key: string;
  previousKeysExpireAt: string;
}

/** `POST /clients/:name/revoke`'s answer: how many keys it revoked now. */
export interface RevokeAnswer {
  name: string;
  revokedKeys: number;
}

/** `GET /clients/keys` (gateways): every client with the digests of its live keys. */
export interface ClientKeysAnswer {
  clients: {
    name: string;
    kind: KeyKind;
    policy: ClientPolicy;
    keys: { sha256: string; expiresAt: string | null }[];
  }[];
}
