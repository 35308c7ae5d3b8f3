import type { DocumentNode } from 'graphql';
import type { IRules } from 'graphql-shield';
import type { RequestContext } from '../../contracts/requestContext.js';
import type { Database } from './database/Database.js';
import type { SeedPlan } from './seedPlan.js';

/** What every resolver of a subgraph receives as its context. */
export interface SubgraphContext<Loaders> {
  /** Read-only; every read is recorded, and the answer is reported to vary by what was read. */
  request: Readonly<RequestContext>;
  /** The database, observed for this request (statements are counted per request). */
  db: Database;
  /** DataLoaders made for this request only, so nothing batched or cached leaks between requests. */
  loaders: Loaders;
  /**
   * Declares entities this request changed (`entityTag`, `viewerTag` from contracts/caching.ts), so the gateway
   * purges cached answers that hold them. Every mutation calls it after a successful write.
   */
  invalidate(...tags: string[]): void;
}

/**
 * One commerce subgraph: its schema, resolvers, per-request loaders and data. Every folder under `subgraphs/`
 * except `shared/` exports one of these from its `index.ts`.
 */
export interface Subgraph<Loaders = unknown> {
  /** The name in `supergraph.yaml`; also the PostgreSQL schema that holds this subgraph's tables. */
  name: string;
  typeDefs: DocumentNode;
  /**
   * The resolver map, by type. Each subgraph types it with the `Resolvers` codegen generates from its schema
   * (`__generated__/resolvers.ts`), so here it is only a map.
   */
  resolvers: Readonly<Record<string, unknown>>;
  /**
   * The graphql-shield rule of every field, by type (`permissions.ts`). A field without one is denied, so every
   * field is listed, the federation fields `Query._service`, `Query._entities` and `_Service.sdl` included.
   */
  permissions: IRules;
  /** Loaders read `request` lazily, inside their batch functions, so only what an answer needs is recorded. */
  createLoaders(db: Database, request: Readonly<RequestContext>): Loaders;
  /** Folder of `NNN_name.sql` migrations. */
  migrationsDir: string;
  /** Fills this subgraph's tables from the plan; runs once, on an empty database. */
  seed(db: Database, plan: SeedPlan): Promise<void>;
}
