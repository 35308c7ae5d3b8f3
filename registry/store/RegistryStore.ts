import { fileURLToPath } from 'node:url';
import type { Database } from '../../subgraphs/shared/database/Database.js';
import { migrate } from '../../subgraphs/shared/database/migrate.js';
import type { ClientOperation, SchemaCheckReport, SubgraphSchema } from '../check/SchemaCheck.js';

/** The PostgreSQL schema the registry's tables live in. */
export const REGISTRY_SCHEMA = 'registry';
const MIGRATIONS = fileURLToPath(new URL('../migrations', import.meta.url));
// One key for every registry process on a server: migrations, publishes, rollbacks and operation changes take turns.
const LOCK_NAME = 'commerce-federation:registry';

export type VersionAction = 'publish' | 'rollback';

/** A registered operation a version breaks, and is therefore not served to gateways while that version is current. */
export interface ExcludedOperation {
  id: number;
  client: string;
  name: string | null;
  source: string;
}

/** One version of the supergraph, as recorded. */
export interface VersionRecord {
  /** 1, 2, 3…: consecutive, in the order versions were published. */
  version: number;
  createdAt: Date;
  action: VersionAction;
  author: string;
  commit: string | null;
  /** Why a failed check was published anyway; null when the check passed. */
  approvalReason: string | null;
  /** For a rollback, the version whose subgraphs it restored. */
  rolledBackTo: number | null;
  /** The subgraphs it changed, added or removed, by name. */
  changedSubgraphs: string[];
  /** Every subgraph of the supergraph, sorted by name. */
  subgraphs: SubgraphSchema[];
  supergraphSdl: string;
  schemaVersion: string;
  report: SchemaCheckReport;
  excludedOperations: ExcludedOperation[];
}

/** What a publish or rollback records; the store numbers it and stamps the time. */
export type NewVersion = Omit<VersionRecord, 'version' | 'createdAt'>;

/** A version in the history list: everything but the SDLs and the report, whose changes are counted instead. */
export interface VersionSummary extends Omit<VersionRecord, 'subgraphs' | 'supergraphSdl' | 'report'> {
  changes: { breaking: number; dangerous: number; safe: number };
}

/** What identifies the current version, for conditional reads. */
export type VersionHead = Pick<VersionRecord, 'version' | 'schemaVersion' | 'excludedOperations'>;

/** A registered operation with the id it was stored under. */
export interface StoredOperation extends ClientOperation {
  id: number;
}

/**
 * The registry's data in PostgreSQL (schema `registry`, embedded or on a server): the append-only versions and the
 * registered operations. Several registry processes may share one server; whatever reads the current version and
 * writes a new one does so in `withLock`, so they take turns.
 */
export class RegistryStore {
  private constructor(private readonly db: Database) {}

  /** Applies the registry's migrations (once, even with several processes starting together) and opens the store. */
  static async open(db: Database): Promise<RegistryStore> {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_NAME]);
      await migrate(tx, REGISTRY_SCHEMA, MIGRATIONS);
    });
    return new RegistryStore(db);
  }

  /**
   * Runs `work` in one transaction holding the registry's lock (`pg_advisory_xact_lock`), with a store that reads
   * and writes inside it: what it reads as current stays current until it commits.
   */
  withLock<T>(work: (locked: RegistryStore) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_NAME]);
      return work(new RegistryStore(tx));
    });
  }

  /**
   * The current version's number, schema version and excluded operations, without its SDL or report: what a
   * conditional read needs. Null before the first publish.
   */
  async head(): Promise<VersionHead | null> {
    const [row] = await this.db.query<{
      version: number;
      schema_version: string;
      excluded_operations: ExcludedOperation[];
    }>(
      `SELECT version, schema_version, excluded_operations FROM registry.versions ORDER BY version DESC LIMIT 1`,
    );
    return row
      ? {
          version: row.version,
          schemaVersion: row.schema_version,
          excludedOperations: row.excluded_operations,
        }
      : null;
  }

  /** Version `version`'s supergraph SDL; null when there is no such version. */
  async supergraphSdl(version: number): Promise<string | null> {
    const [row] = await this.db.query<{ supergraph_sdl: string }>(
      'SELECT supergraph_sdl FROM registry.versions WHERE version = $1',
      [version],
    );
    return row?.supergraph_sdl ?? null;
  }

  /** The current version; null before the first publish. */
  async current(): Promise<VersionRecord | null> {
    const [row] = await this.db.query<VersionRow>(`${SELECT_VERSION} ORDER BY version DESC LIMIT 1`);
    return row ? toRecord(row) : null;
  }

  /** Version `version`; null when there is none. */
  async version(version: number): Promise<VersionRecord | null> {
    const [row] = await this.db.query<VersionRow>(`${SELECT_VERSION} WHERE version = $1`, [version]);
    return row ? toRecord(row) : null;
  }

  /** Up to `limit` versions older than `before` (default: from the newest), newest first. */
  async history(limit: number, before?: number): Promise<VersionSummary[]> {
    const rows = await this.db.query<SummaryRow>(
      `SELECT version, created_at, action, author, commit, approval_reason, rolled_back_to, changed_subgraphs,
              schema_version, excluded_operations, report->'changes' AS changes
         FROM registry.versions
        WHERE $1::integer IS NULL OR version < $1
        ORDER BY version DESC
        LIMIT $2`,
      [before ?? null, limit],
    );
    return rows.map((row) => ({ ...toSummaryFields(row), changes: countChanges(row.changes) }));
  }

  /** Records `next` as the version after the newest; call it in `withLock`. */
  async append(next: NewVersion): Promise<{ version: number; createdAt: Date }> {
    const [row] = await this.db.query<{ version: number; created_at: Date }>(
      `INSERT INTO registry.versions (version, action, author, commit, approval_reason, rolled_back_to,
         changed_subgraphs, subgraphs, supergraph_sdl, schema_version, report, excluded_operations)
       VALUES ((SELECT coalesce(max(version), 0) + 1 FROM registry.versions), $1, $2, $3, $4, $5, $6::text[],
         $7::jsonb, $8, $9, $10::jsonb, $11::jsonb)
       RETURNING version, created_at`,
      [
        next.action,
        next.author,
        next.commit,
        next.approvalReason,
        next.rolledBackTo,
        next.changedSubgraphs,
        JSON.stringify(next.subgraphs),
        next.supergraphSdl,
        next.schemaVersion,
        JSON.stringify(next.report),
        JSON.stringify(next.excludedOperations),
      ],
    );
    return { version: row!.version, createdAt: row!.created_at };
  }

  /** Every registered operation, in the order it was registered. */
  async operations(): Promise<StoredOperation[]> {
    const rows = await this.db.query<OperationRow>(
      'SELECT id, client, name, source, body, variables FROM registry.operations ORDER BY id',
    );
    return rows.map((row) => ({
      id: row.id,
      client: row.client,
      name: row.name ?? undefined,
      source: row.source,
      body: row.body,
      ...(row.variables ? { variables: row.variables } : {}),
    }));
  }

  /** Replaces `client`'s registered operations with `operations`; call it in `withLock`. */
  async replaceOperations(client: string, operations: readonly ClientOperation[]): Promise<void> {
    await this.db.query('DELETE FROM registry.operations WHERE client = $1', [client]);
    for (const operation of operations) {
      await this.db.query(
        'INSERT INTO registry.operations (client, name, source, body, variables) VALUES ($1, $2, $3, $4, $5::jsonb)',
        [
          client,
          operation.name ?? null,
          operation.source,
          operation.body,
          operation.variables ? JSON.stringify(operation.variables) : null,
        ],
      );
    }
  }

  /** Throws unless the database answers. */
  async ping(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}

const SELECT_VERSION = `SELECT version, created_at, action, author, commit, approval_reason, rolled_back_to,
  changed_subgraphs, subgraphs, supergraph_sdl, schema_version, report, excluded_operations FROM registry.versions`;

type SummaryFieldsRow = {
  version: number;
  created_at: Date;
  action: VersionAction;
  author: string;
  commit: string | null;
  approval_reason: string | null;
  rolled_back_to: number | null;
  changed_subgraphs: string[];
  schema_version: string;
  excluded_operations: ExcludedOperation[];
};

type VersionRow = SummaryFieldsRow & {
  subgraphs: SubgraphSchema[];
  supergraph_sdl: string;
  report: SchemaCheckReport;
};

type SummaryRow = SummaryFieldsRow & { changes: SchemaCheckReport['changes'] | null };

type OperationRow = {
  id: number;
  client: string;
  name: string | null;
  source: string;
  body: string;
  variables: Record<string, unknown> | null;
};

function toSummaryFields(row: SummaryFieldsRow): Omit<VersionSummary, 'changes'> {
  return {
    version: row.version,
    createdAt: row.created_at,
    action: row.action,
    author: row.author,
    commit: row.commit,
    approvalReason: row.approval_reason,
    rolledBackTo: row.rolled_back_to,
    changedSubgraphs: row.changed_subgraphs,
    schemaVersion: row.schema_version,
    excludedOperations: row.excluded_operations,
  };
}

/** A version's entry in the history. */
export function summaryOf(record: VersionRecord): VersionSummary {
  const { subgraphs: _subgraphs, supergraphSdl: _sdl, report, ...fields } = record;
  return { ...fields, changes: countChanges(report.changes) };
}

function countChanges(changes: SchemaCheckReport['changes'] | null): VersionSummary['changes'] {
  const counts = { breaking: 0, dangerous: 0, safe: 0 };
  for (const change of changes ?? []) counts[change.criticality] += 1;
  return counts;
}

function toRecord(row: VersionRow): VersionRecord {
  return {
    ...toSummaryFields(row),
    subgraphs: row.subgraphs,
    supergraphSdl: row.supergraph_sdl,
    report: row.report,
  };
}
