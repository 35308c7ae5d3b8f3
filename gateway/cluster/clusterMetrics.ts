import cluster, { type Worker } from 'node:cluster';
import { AggregatorRegistry, type Registry } from 'prom-client';
import type { MetricsSource } from '../../contracts/metricsServer.js';
import type { Readiness } from '../health/readiness.js';

/** Marks the cluster messages about metrics and readiness, so that other IPC traffic passes by untouched. */
const TOPIC = 'cf:metrics';

/**
 * A worker asks the primary for the cluster's `metrics` (a scrape of `/metrics` on the GraphQL port); the primary
 * asks a worker for its `readiness` detail (`/health/ready` on the metrics port); each gets an `answer`.
 */
type MetricsMessage =
  | { topic: typeof TOPIC; kind: 'metrics' | 'readiness'; id: number }
  | { topic: typeof TOPIC; kind: 'answer'; id: number; value?: unknown; error?: string };

function isMetricsMessage(value: unknown): value is MetricsMessage {
  if (!value || typeof value !== 'object') return false;
  const { topic, id } = value as { topic?: unknown; id?: unknown };
  return topic === TOPIC && typeof id === 'number';
}

/** A worker's wait for the cluster's metrics: the primary's own collection gives up after 5 s (prom-client's bound). */
const METRICS_TIMEOUT_MS = 6_000;
/** The primary's wait for a worker's readiness detail, subgraph probes (500 ms each, concurrent) included. */
const READINESS_TIMEOUT_MS = 2_000;

/** Rendered Prometheus text, as it crosses IPC. */
interface Rendered {
  contentType: string;
  body: string;
}

/** Questions sent over one IPC channel, each answered once or failed after `timeoutMs`. */
function questions(send: (message: MetricsMessage) => void, timeoutMs: number) {
  const waiting = new Map<number, (answer: Extract<MetricsMessage, { kind: 'answer' }>) => void>();
  let nextId = 1;
  return {
    ask<T>(kind: 'metrics' | 'readiness'): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          reject(new Error(`no ${kind} answer over IPC within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(id, ({ value, error }) => {
          clearTimeout(timer);
          waiting.delete(id);
          if (error === undefined) resolve(value as T);
          else reject(new Error(error));
        });
        send({ topic: TOPIC, kind, id });
      });
    },
    answered(message: Extract<MetricsMessage, { kind: 'answer' }>): void {
      waiting.get(message.id)?.(message);
    },
  };
}

/** Answers `message`'s question with what `work` gives, or with its error. */
function answer(
  message: MetricsMessage,
  work: () => Promise<unknown>,
  send: (reply: MetricsMessage) => void,
) {
  work().then(
    (value) => send({ topic: TOPIC, kind: 'answer', id: message.id, value }),
    (error: unknown) =>
      send({ topic: TOPIC, kind: 'answer', id: message.id, error: (error as Error).message }),
  );
}

/** The primary's half: the whole cluster's metrics, and one worker's readiness detail. */
export interface PrimaryMetrics {
  /** Every worker's series, summed over workers (per-worker where a metric says so; see `GatewayMetrics`). */
  metrics: MetricsSource;
  /** The readiness detail of one live worker; 503 `unavailable` when none answers. */
  readiness(): Promise<Readiness>;
}

/**
 * The primary's half of the cluster's metrics: prom-client's `AggregatorRegistry` collects every worker's registry
 * over IPC and merges the series by name and labels with each metric's aggregator (counters and histograms
 * summed), so that one scrape sees the whole gateway, not whichever worker the connection reached. Workers asking
 * for the same (a scrape of `/metrics` on the GraphQL port) get the same answer.
 */
export function primaryMetrics(): PrimaryMetrics {
  const aggregator = new AggregatorRegistry();
  const metrics: MetricsSource = {
    render: async () => ({ contentType: aggregator.contentType, body: await aggregator.clusterMetrics() }),
  };
  const workers = () =>
    Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => !!worker?.isConnected());
  const asked = new Map<number, ReturnType<typeof questions>>();
  const channelOf = (worker: Worker) => {
    let channel = asked.get(worker.id);
    if (!channel) {
      channel = questions((message) => worker.send(message), READINESS_TIMEOUT_MS);
      asked.set(worker.id, channel);
      worker.once('exit', () => asked.delete(worker.id));
    }
    return channel;
  };
  cluster.on('message', (worker, message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.kind === 'answer') asked.get(worker.id)?.answered(message);
    else if (message.kind === 'metrics') {
      answer(
        message,
        () => metrics.render(),
        (reply) => worker.isConnected() && worker.send(reply),
      );
    }
  });
  return {
    metrics,
    async readiness() {
      // The workers are alike: any live one's view of the subgraphs and Redis is the gateway's.
      for (const worker of workers()) {
        try {
          return await channelOf(worker).ask<Readiness>('readiness');
        } catch {
          continue;
        }
      }
      return { status: 503, body: { status: 'unavailable' } };
    },
  };
}

/** A worker's half of the cluster's metrics. */
export interface WorkerMetrics {
  /** This worker's `node:cluster` id, the `worker` label of its per-process series. */
  worker: string;
  /** Offers `registry` to the primary's aggregation; returns the whole cluster's metrics, asked of the primary. */
  share(registry: Registry): MetricsSource;
  /** Answers the primary's questions for the readiness detail with `readiness`. */
  answerReadiness(readiness: () => Promise<Readiness>): void;
}

/**
 * A cluster worker's half: answers the primary's collection with nothing until `share` names the registry (a
 * worker still starting counts nothing and must not hold a scrape up), then with that registry. Create it as the
 * worker starts.
 */
export function workerMetrics(): WorkerMetrics {
  if (!process.send || !cluster.worker) {
    throw new Error('workerMetrics needs a cluster worker: this process has no IPC channel to a primary');
  }
  const send = (message: MetricsMessage) => void process.send!(message);
  AggregatorRegistry.setRegistries([]);
  // Its constructor installs the worker's answer to the primary's collection.
  new AggregatorRegistry();
  const primary = questions(send, METRICS_TIMEOUT_MS);
  let readiness: (() => Promise<Readiness>) | undefined;
  process.on('message', (message: unknown) => {
    if (!isMetricsMessage(message)) return;
    if (message.kind === 'answer') primary.answered(message);
    else if (message.kind === 'readiness') {
      answer(
        message,
        () => readiness?.() ?? Promise.resolve({ status: 503, body: { status: 'unavailable' } }),
        send,
      );
    }
  });
  return {
    worker: String(cluster.worker.id),
    share(registry) {
      AggregatorRegistry.setRegistries([registry]);
      return { render: () => primary.ask<Rendered>('metrics') };
    },
    answerReadiness(answerWith) {
      readiness = answerWith;
    },
  };
}
