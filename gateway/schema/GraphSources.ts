import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { OperationsSource } from './OperationsSource.js';
import type { RegisteredOperation } from './RegisteredOperations.js';
import { SourceHealth, type SourceStates } from './SourceHealth.js';
import type { SupergraphSource } from './SupergraphSource.js';

export interface GraphSourcesOptions {
  supergraph: SupergraphSource;
  operations: OperationsSource;
  logger: Logger;
  /** Told of each read that fails, for the metrics. Default none. */
  onUnreadable?: () => void;
  /** The clock of the sources' states. Default `Date.now`. */
  now?: () => number;
}

/** What one look at both sources found. */
export interface SourcesRead {
  /** The supergraph's SDL; undefined when unchanged since the last read, or unreadable. */
  sdl: string | undefined;
  /** Whether the registered operations differ from the copy read before. */
  operationsChanged: boolean;
}

/**
 * The supergraph's source and the registered operations' source, read together, with the state of each for
 * readiness and metrics. A read that fails is logged when its source starts failing and when it reads again, not
 * at every poll; the last copy of the operations read stands meanwhile.
 */
export class GraphSources {
  private copy: readonly RegisteredOperation[] = [];
  private copyVersion = '';
  private readonly supergraphHealth: SourceHealth;
  private readonly operationsHealth: SourceHealth;

  constructor(private readonly options: GraphSourcesOptions) {
    this.supergraphHealth = new SourceHealth(options.now);
    this.operationsHealth = new SourceHealth(options.now);
  }

  /** The registered operations: the last copy read. */
  get operations(): readonly RegisteredOperation[] {
    return this.copy;
  }

  get states(): SourceStates {
    return { supergraph: this.supergraphHealth.state, operations: this.operationsHealth.state };
  }

  /** The first read of both, as the gateway starts: throws when either cannot be read. */
  async first(): Promise<string> {
    const { supergraph, operations } = this.options;
    const sdl = await supergraph.read();
    if (sdl === undefined) throw new Error(`${supergraph.description}: no supergraph to serve`);
    this.supergraphHealth.succeeded();
    this.adopt((await operations.read()) ?? []);
    this.operationsHealth.succeeded();
    return sdl;
  }

  /** Reads both again; never throws. */
  async next(): Promise<SourcesRead> {
    const sdl = await this.readSupergraph();
    return { sdl, operationsChanged: await this.readOperations() };
  }

  private async readSupergraph(): Promise<string | undefined> {
    const { supergraph: source, logger } = this.options;
    try {
      const sdl = await source.read();
      if (this.supergraphHealth.succeeded()) {
        logger.info({ source: source.description }, 'supergraph source readable again');
      }
      return sdl;
    } catch (error) {
      const reason = reasonOf(error);
      if (this.supergraphHealth.failed(reason)) {
        logger.warn(
          { source: source.description, reason },
          'supergraph source unreadable; still serving the current supergraph',
        );
      }
      this.options.onUnreadable?.();
      return undefined;
    }
  }

  private async readOperations(): Promise<boolean> {
    const { operations: source, logger } = this.options;
    try {
      const operations = await source.read();
      if (this.operationsHealth.succeeded()) {
        logger.info({ source: source.description }, 'registered operations readable again');
      }
      if (operations === undefined || versionOf(operations) === this.copyVersion) return false;
      this.adopt(operations);
      logger.info(
        { source: source.description, operations: operations.length },
        'registered operations changed',
      );
      return true;
    } catch (error) {
      const reason = reasonOf(error);
      if (this.operationsHealth.failed(reason)) {
        logger.warn(
          { source: source.description, reason, operations: this.copy.length },
          'registered operations unreadable; keeping the last copy read',
        );
      }
      this.options.onUnreadable?.();
      return false;
    }
  }

  private adopt(operations: readonly RegisteredOperation[]): void {
    this.copy = operations;
    this.copyVersion = versionOf(operations);
  }
}

/** A fingerprint of registered operations, to tell a changed list from the same one read again. */
function versionOf(operations: readonly RegisteredOperation[]): string {
  const hash = createHash('sha256');
  for (const { name, source, clients, body, variables } of operations) {
    hash.update(JSON.stringify([name, source, clients, body, variables]));
  }
  return hash.digest('hex');
}

/** A failed read's reason: the error's message, and its cause's code (`ECONNREFUSED`) when fetch hides it. */
function reasonOf(error: unknown): string {
  // Read by shape: fetch's errors may come from another realm than this module's `Error`.
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { code?: unknown } };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.code === 'string' ? `${message} (${cause.code})` : message;
}
