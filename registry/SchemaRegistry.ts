import type { Logger } from 'pino';
import type { CostLimit } from '../gateway/schema/prepareSupergraph.js';
import { schemaVersionOf } from '../gateway/schema/schemaVersion.js';
import type {
  ClientOperation,
  PolicyConfig,
  SchemaCheckInput,
  SchemaCheckReport,
  SubgraphSchema,
} from './check/SchemaCheck.js';
import { verifyDeployed, type DeploymentCheckOptions } from './deploy/verifyDeployed.js';
import { RegistryError, RegistryErrorCode } from './errors.js';
import type { PublishOutcome, RegistryMetrics } from './metrics/RegistryMetrics.js';
import { describeFailure } from './publish/describeFailure.js';
import { judgeReport } from './publish/judgeReport.js';
import { changedSubgraphs, proposeSubgraphs } from './publish/proposeSubgraphs.js';
import type {
  ExcludedOperation,
  RegistryStore,
  VersionAction,
  VersionRecord,
} from './store/RegistryStore.js';

/** The schema check the registry runs: `runSchemaCheck` (registry/check/runSchemaCheck.ts), or a stand-in in tests. */
export type SchemaCheck = (input: SchemaCheckInput) => Promise<SchemaCheckReport>;

export interface SchemaRegistryOptions {
  store: RegistryStore;
  check: SchemaCheck;
  /** The gateway's cost limit every registered operation is held to. */
  limits: CostLimit;
  policy: PolicyConfig;
  /** How running subgraphs are asked for their SDL before a publish. */
  deployment: DeploymentCheckOptions;
  metrics: RegistryMetrics;
  logger: Logger;
}

/** A publish: subgraphs to add or replace, by whom and from which commit, approved or not. */
export interface PublishRequest {
  subgraphs: SubgraphSchema[];
  author: string;
  commit: string | null;
  /** Publishes a failed check anyway (not a composition failure), recording the reason. */
  approval: { reason: string } | null;
}

/** A rollback: a new version with the subgraphs of `version`. */
export interface RollbackRequest {
  version: number;
  author: string;
  commit: string | null;
  /** Needed when the check fails, and recorded as the approval. */
  reason: string | null;
}

/** What a publish or rollback did: recorded a new version, or found the supergraph unchanged. */
export type WriteResult =
  | {
      unchanged: false;
      version: number;
      schemaVersion: string;
      /** Whether a failed check was approved. */
      approved: boolean;
      report: SchemaCheckReport;
      /** The registered operations this version breaks, no longer served to gateways. */
      excludedOperations: ExcludedOperation[];
    }
  | { unchanged: true; version: number; schemaVersion: string };

/**
 * The registry's rules, apart from HTTP: checks, publishes and rollbacks against the current version, and the
 * operations gateways are served. Every write reads the current version and records the next one under the store's
 * lock, so registry processes sharing a database take turns and versions stay consecutive.
 */
export class SchemaRegistry {
  constructor(private readonly options: SchemaRegistryOptions) {}

  /**
   * The check a publish of `name` with `proposal` would run, judged as a publish judges it. Records nothing. A
   * published subgraph keeps its routing URL; `proposal.url` is for one not published yet.
   * @throws RegistryError `BAD_REQUEST` for a subgraph not published yet without a URL
   */
  async check(name: string, proposal: { sdl: string; url?: string }): Promise<SchemaCheckReport> {
    const { store } = this.options;
    const current = await store.current();
    const url = current?.subgraphs.find((subgraph) => subgraph.name === name)?.url ?? proposal.url;
    if (!url) {
      throw new RegistryError(
        RegistryErrorCode.BadRequest,
        `${name} is not published yet: give its routing url`,
      );
    }
    const subgraphs = proposeSubgraphs(current?.subgraphs ?? [], [{ name, url, sdl: proposal.sdl }]);
    const operations = await store.operations();
    const report = await this.runCheck(current, subgraphs, [name], operations);
    return judgeReport(report, operations, current?.excludedOperations ?? []).report;
  }

  /**
   * Publishes `request.subgraphs`: each running subgraph must already serve its SDL; then, under the lock, the
   * proposed supergraph (the current one with these replaced or added) is checked against the current version
   * and every registered operation, and recorded unless it fails without approval.
   * @throws RegistryError `SUBGRAPH_UNREACHABLE`, `SUBGRAPH_NOT_DEPLOYED`, `COMPOSITION_FAILED`, `CHECK_FAILED`
   */
  publish(request: PublishRequest): Promise<WriteResult> {
    return this.counted('publish', async () => {
      // Outside the lock: it depends on the request alone, and a slow subgraph must not hold up other publishes.
      await verifyDeployed(request.subgraphs, this.options.deployment);
      return this.options.store.withLock(async (locked) => {
        const current = await locked.current();
        const subgraphs = proposeSubgraphs(current?.subgraphs ?? [], request.subgraphs);
        return this.record(locked, current, subgraphs, {
          action: 'publish',
          checkedNames: request.subgraphs.map((subgraph) => subgraph.name),
          author: request.author,
          commit: request.commit,
          approvalReason: request.approval?.reason ?? null,
          rolledBackTo: null,
        });
      });
    });
  }

  /**
   * Records a new version with the subgraphs of `request.version`, checked like a publish: the running subgraphs
   * it changes must serve their SDL, and the registered operations must pass, or `request.reason` approves it.
   * @throws RegistryError `VERSION_NOT_FOUND`, and those of `publish`
   */
  rollback(request: RollbackRequest): Promise<WriteResult> {
    return this.counted('rollback', async () => {
      const target = await this.options.store.version(request.version);
      if (!target) throw versionNotFound(request.version);
      return this.options.store.withLock(async (locked) => {
        const current = await locked.current();
        const changed = changedSubgraphs(current?.subgraphs ?? [], target.subgraphs);
        const redeployed = target.subgraphs.filter((subgraph) => changed.includes(subgraph.name));
        await verifyDeployed(redeployed, this.options.deployment);
        return this.record(locked, current, target.subgraphs, {
          action: 'rollback',
          checkedNames: redeployed.map((subgraph) => subgraph.name),
          author: request.author,
          commit: request.commit,
          approvalReason: request.reason,
          rolledBackTo: target.version,
        });
      });
    });
  }

  /**
   * Replaces `client`'s registered operations. Each must fit the current supergraph (validate, plan, stay within
   * the cost limit), or none is replaced; before the first publish there is nothing to fit, and the first publish
   * checks them.
   * @throws RegistryError `CHECK_FAILED` naming the operations that do not fit
   */
  async replaceOperations(
    client: string,
    operations: readonly Omit<ClientOperation, 'client'>[],
  ): Promise<{ client: string; operations: number; version: number | null }> {
    const registered = operations.map((operation) => ({ ...operation, client }));
    return this.options.store.withLock(async (locked) => {
      const current = await locked.current();
      if (current) {
        const report = await this.runCheck(current, current.subgraphs, [], registered);
        const misfits = report.operations.filter((check) => check.problems.length > 0);
        if (!report.composition.ok || misfits.length > 0) {
          throw new RegistryError(
            RegistryErrorCode.CheckFailed,
            `${misfits.length} operation(s) of ${client} do not fit version ${current.version}: ${misfits
              .map((check) => `${check.operation} (${check.source}): ${check.problems.join(' ')}`)
              .join('; ')}`,
            { report },
          );
        }
      }
      await locked.replaceOperations(client, registered);
      this.options.logger.info(
        { client, operations: registered.length, version: current?.version ?? null },
        'operations registered',
      );
      return { client, operations: registered.length, version: current?.version ?? null };
    });
  }

  /**
   * The registered operations gateways are served: all but those the current version excludes.
   * @throws RegistryError `NOTHING_PUBLISHED` before the first publish: there is no supergraph to fit
   */
  async servedOperations(): Promise<{ version: number; operations: ClientOperation[] }> {
    const { store } = this.options;
    const [head, operations] = await Promise.all([store.head(), store.operations()]);
    if (!head) throw nothingPublished();
    const excluded = new Set(head.excludedOperations.map((operation) => operation.id));
    return {
      version: head.version,
      operations: operations
        .filter((operation) => !excluded.has(operation.id))
        .map(({ id: _id, ...operation }) => operation),
    };
  }

  private async record(
    locked: RegistryStore,
    current: VersionRecord | null,
    subgraphs: SubgraphSchema[],
    meta: {
      action: VersionAction;
      checkedNames: string[];
      author: string;
      commit: string | null;
      approvalReason: string | null;
      rolledBackTo: number | null;
    },
  ): Promise<WriteResult> {
    const operations = await locked.operations();
    const report = await this.runCheck(current, subgraphs, meta.checkedNames, operations);
    if (!report.composition.ok || report.supergraphSdl === null) {
      const [first, ...more] = report.composition.errors;
      throw new RegistryError(
        RegistryErrorCode.CompositionFailed,
        `The subgraphs do not compose: ${first?.message ?? 'no supergraph'}${more.length > 0 ? ` (and ${more.length} more)` : ''}`,
        { report },
      );
    }
    const schemaVersion = schemaVersionOf(report.supergraphSdl);
    if (current && schemaVersion === current.schemaVersion) {
      return { unchanged: true, version: current.version, schemaVersion };
    }
    const judged = judgeReport(report, operations, current?.excludedOperations ?? []);
    if (!judged.report.ok && (meta.approvalReason === null || !judged.report.approvable)) {
      throw new RegistryError(RegistryErrorCode.CheckFailed, describeFailure(judged.report, meta.action), {
        report: judged.report,
      });
    }
    const approvalReason = judged.report.ok ? null : meta.approvalReason;
    const { version } = await locked.append({
      action: meta.action,
      author: meta.author,
      commit: meta.commit,
      approvalReason,
      rolledBackTo: meta.rolledBackTo,
      changedSubgraphs: changedSubgraphs(current?.subgraphs ?? [], subgraphs),
      subgraphs,
      supergraphSdl: report.supergraphSdl,
      schemaVersion,
      report: judged.report,
      excludedOperations: judged.excluded,
    });
    this.options.metrics.version(version);
    this.options.logger.info(
      {
        action: meta.action,
        version,
        schemaVersion,
        author: meta.author,
        commit: meta.commit,
        subgraphs: meta.checkedNames,
        ...(approvalReason === null ? {} : { approvalReason }),
        excludedOperations: judged.excluded.length,
      },
      'version recorded',
    );
    return {
      unchanged: false,
      version,
      schemaVersion,
      approved: approvalReason !== null,
      report: judged.report,
      excludedOperations: judged.excluded,
    };
  }

  /** Runs the check against `current` (none: nothing published); the report names the version as its baseline. */
  private async runCheck(
    current: VersionRecord | null,
    subgraphs: readonly SubgraphSchema[],
    changed: readonly string[],
    operations: readonly ClientOperation[],
  ): Promise<SchemaCheckReport> {
    const report = await this.options.check({
      baseline: current ? { supergraphSdl: current.supergraphSdl } : null,
      subgraphs,
      changed,
      operations: operations.map(({ client, source, name, body, variables }) => ({
        client,
        source,
        name,
        body,
        ...(variables ? { variables } : {}),
      })),
      limits: this.options.limits,
      policy: this.options.policy,
    });
    return {
      ...report,
      baseline: current
        ? `registry version ${current.version} (${current.schemaVersion})`
        : 'nothing published yet',
    };
  }

  /** Runs a publish or rollback and counts its outcome; a refusal is logged without the report. */
  private async counted(action: VersionAction, work: () => Promise<WriteResult>): Promise<WriteResult> {
    try {
      const result = await work();
      this.options.metrics.publish(
        action,
        result.unchanged ? 'unchanged' : result.approved ? 'approved' : 'published',
      );
      return result;
    } catch (error) {
      const outcome = error instanceof RegistryError ? OUTCOMES[error.code] : undefined;
      this.options.metrics.publish(action, outcome ?? 'error');
      if (outcome)
        this.options.logger.warn({ action, code: (error as RegistryError).code }, `${action} refused`);
      throw error;
    }
  }
}

const OUTCOMES: Partial<Record<RegistryErrorCode, PublishOutcome>> = {
  [RegistryErrorCode.CheckFailed]: 'check_failed',
  [RegistryErrorCode.CompositionFailed]: 'composition_failed',
  [RegistryErrorCode.SubgraphNotDeployed]: 'not_deployed',
  [RegistryErrorCode.SubgraphUnreachable]: 'unreachable',
};

/** The `NOTHING_PUBLISHED` error: there is no version yet. */
export function nothingPublished(): RegistryError {
  return new RegistryError(RegistryErrorCode.NothingPublished, 'Nothing has been published yet');
}

/** A `VERSION_NOT_FOUND` error for `version`. */
export function versionNotFound(version: number): RegistryError {
  return new RegistryError(RegistryErrorCode.VersionNotFound, `There is no version ${version}`);
}
