import type { CostLimit } from '../../gateway/schema/prepareSupergraph.js';

/**
 * The schema check's input and report: what the CLI (`npm run schema -- check`) and the registry service
 * (`POST /subgraphs/:name/check`, and every publish and rollback) both run, through `runSchemaCheck`.
 */

/** One subgraph of a proposed supergraph: its name, routing URL and SDL. */
export interface SubgraphSchema {
  name: string;
  /** The routing URL the gateway sends its fetches to. */
  url: string;
  sdl: string;
}

/** An operation a client of the graph runs, which a change must not break. */
export interface ClientOperation {
  /** The client that runs it: `storefront` for the page operations, else a client registry name. */
  client: string;
  /** Where it is registered: a file, or a manifest and id. For messages. */
  source: string;
  /** The operation's name; undefined for an anonymous one. */
  name: string | undefined;
  /** The document exactly as registered (the operation and its fragments). */
  body: string;
  /** Example variables its cost is counted with; default the variables' defaults. */
  variables?: Record<string, unknown>;
}

/** How much a policy finding counts: `error` fails the check, `warn` is reported, `off` is not run. */
export type Severity = 'error' | 'warn' | 'off';

/** Each policy rule's severity (`schema/policy.yaml`); a rule left out keeps its default. */
export type PolicyConfig = Readonly<Record<string, Severity>>;

export interface SchemaCheckInput {
  /** The published supergraph the change is measured against; null when nothing is published yet. */
  baseline: { supergraphSdl: string } | null;
  /** Every subgraph of the proposed supergraph, the changed ones with their new SDL. */
  subgraphs: readonly SubgraphSchema[];
  /**
   * The subgraphs the change is about: composition errors and policy findings are attributed to them first. Empty:
   * every subgraph whose schema differs from the baseline's (the report's `changed` says which).
   */
  changed: readonly string[];
  /** Every registered operation of every client. */
  operations: readonly ClientOperation[];
  /** The gateway's cost limit (`LIMIT_MAX_COST`, `LIMIT_DEFAULT_LIST_SIZE`). */
  limits: CostLimit;
  policy: PolicyConfig;
  /**
   * For each subgraph whose code is at hand (the CLI's local mode), the fields its code resolves (`Type.field`): by
   * a resolver, or as a property of the parent its resolvers receive. The `missing-resolver` rule judges these
   * subgraphs only; default none.
   */
  resolvedFields?: Readonly<Record<string, readonly string[]>>;
}

/** One composition error or hint, with the composition library's code and the subgraphs it concerns. */
export interface CompositionIssue {
  code: string;
  message: string;
  /** The subgraphs it names, the changed one first; empty when it names none. */
  subgraphs: string[];
}

export type ChangeCriticality = 'breaking' | 'dangerous' | 'safe';

/** One difference between the baseline's API schema and the proposed one. */
export interface SchemaChange {
  criticality: ChangeCriticality;
  /** GraphQL Inspector's change type, such as `FIELD_TYPE_CHANGED`. */
  type: string;
  /** The schema coordinate changed (`Product.name`), if any. */
  path: string | null;
  message: string;
  reason?: string;
}

/** What the proposed supergraph does to one registered operation. */
export interface OperationCheck {
  client: string;
  source: string;
  operation: string;
  /** Its cost under the proposed supergraph by the gateway's own cost function, when it validates. */
  cost?: number;
  /** Why the gateway would fail or refuse it; empty when it would serve it. */
  problems: string[];
}

/** One policy rule's finding. */
export interface PolicyFinding {
  rule: string;
  severity: Exclude<Severity, 'off'>;
  subgraph: string | null;
  /** The schema coordinate it is about (`Product.badges`). */
  coordinate: string | null;
  message: string;
}

export interface SchemaCheckReport {
  /**
   * False on composition errors, a broken registered operation (invalid, over the cost limit, unplannable) or an
   * `error` policy finding.
   */
  ok: boolean;
  /** Whether approval can publish it anyway: everything but composition errors can be approved. */
  approvable: boolean;
  changed: string[];
  /**
   * What the change was measured against, for people: `schema/supergraph.graphql at merge-base HEAD main
   * (0123456789ab)`, a registry version. Set by the caller of `runSchemaCheck`; absent when nothing says.
   */
  baseline?: string;
  composition: { ok: boolean; errors: CompositionIssue[]; hints: CompositionIssue[] };
  /** The proposed supergraph's SDL when it composed. */
  supergraphSdl: string | null;
  /** Its version (`schemaVersionOf`) when it composed. */
  schemaVersion: string | null;
  changes: SchemaChange[];
  operations: OperationCheck[];
  /** The gateway's cost limit the operations were held to. */
  costLimit: number;
  policy: PolicyFinding[];
  /** Breaking changes no registered operation uses, and other notes that do not fail the check. */
  warnings: string[];
}
