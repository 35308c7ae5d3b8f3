import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { pino } from 'pino';
import { DEFAULT_OPERATION_LIMITS } from '../../limits/operationLimits.js';
import type { OperationsSource } from '../OperationsSource.js';
import { planKeys, type MisfitPolicy } from '../prepareSupergraph.js';
import type { RegisteredOperation } from '../RegisteredOperations.js';
import { schemaVersionOf } from '../schemaVersion.js';
import { SupergraphReloader } from '../SupergraphReloader.js';
import type { SupergraphSource } from '../SupergraphSource.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CHILDREN = '  children: [Category!]! @join__field(graph: CATALOG) @listSize(assumedSize: 4)\n';

/** A subgraph that answers nothing: these tests look at schemas and plans, not at answers. */
const silentSubgraph: GraphQLDataSource = { process: async () => ({ data: null }) };

async function registered(name: string): Promise<RegisteredOperation> {
  const source = path.join('operations', `${name}.graphql`);
  const body = await readFile(path.join(root, 'schema', source), 'utf8');
  return { name, source, clients: ['storefront'], body, document: parse(body), sole: true };
}

/** Polls `condition` until it holds; fails after `attempts` looks. */
async function until(condition: () => boolean, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting until ${what}`);
}

/** A source that gives what the test last set, or fails while the test says it is down. */
function memorySource<T>(initial: T) {
  const state = { value: initial, down: false, reads: 0 };
  const read = () => {
    state.reads += 1;
    return state.down ? Promise.reject(new Error('connect ECONNREFUSED')) : Promise.resolve(state.value);
  };
  return { state, read };
}

interface Logged {
  level: number;
  msg: string;
  version?: string;
  skipped?: number;
  registered?: number;
  problems?: string[];
}

describe('SupergraphReloader and the registered operations', () => {
  let committed: string;
  let withoutChildren: string;
  let categoryPage: RegisteredOperation;
  let productPage: RegisteredOperation;
  const running: ApolloServer[] = [];

  beforeAll(async () => {
    committed = await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    withoutChildren = committed.replace(CHILDREN, '');
    expect(withoutChildren).not.toBe(committed);
    categoryPage = await registered('CategoryPage');
    productPage = await registered('ProductPage');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((apollo) => apollo.stop()));
  });

  /** A reloader polling the in-memory sources every 10 ms, behind a started Apollo Gateway. */
  async function start(sdl: string, operations: readonly RegisteredOperation[], misfit?: MisfitPolicy) {
    const supergraph = memorySource(sdl);
    const registeredOperations = memorySource<readonly RegisteredOperation[]>(operations);
    const logged: Logged[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logged.push(JSON.parse(line) as Logged) },
    );
    const source: SupergraphSource = {
      description: 'memory supergraph',
      read: supergraph.read,
      watch(onChange, intervalMs) {
        const poll = setInterval(onChange, intervalMs);
        return () => clearInterval(poll);
      },
    };
    const operationsSource: OperationsSource = {
      description: 'memory operations',
      read: registeredOperations.read,
    };
    let now = 1_000_000;
    const reloader = new SupergraphReloader({
      source,
      operations: operationsSource,
      pollIntervalMs: 10,
      costLimit: DEFAULT_OPERATION_LIMITS,
      ...(misfit ? { misfit } : {}),
      logger,
      now: () => (now += 1_000),
    });
    const gateway = new ApolloGateway({
      supergraphSdl: reloader,
      queryPlannerConfig: { cache: reloader.planCache },
      buildService: () => silentSubgraph,
      logger,
    });
    gateway.onSchemaLoadOrUpdate((loaded) => reloader.schemaLoaded(loaded));
    const apollo = new ApolloServer({ gateway });
    await apollo.start();
    running.push(apollo);
    const polled = async () => {
      const reads = registeredOperations.state.reads;
      await until(() => registeredOperations.state.reads >= reads + 2, 'two more looks at the sources');
    };
    return { reloader, supergraph: supergraph.state, operations: registeredOperations.state, logged, polled };
  }

  it('tries a refused version again when the operations change, and serves it once they fit', async () => {
    const { reloader, supergraph, operations, logged } = await start(committed, [categoryPage, productPage]);
    supergraph.value = withoutChildren;
    await until(() => reloader.refusedVersion === schemaVersionOf(withoutChildren), 'the version is refused');
    expect(logged.filter((line) => line.msg.startsWith('supergraph refused'))).toEqual([
      expect.objectContaining({
        problems: [expect.stringMatching(/^CategoryPage \(storefront: operations\/CategoryPage.graphql\): /)],
      }),
    ]);

    // The registry stops serving the operation the new version breaks: the same version is prepared again.
    operations.value = [productPage];
    await until(() => reloader.version === schemaVersionOf(withoutChildren), 'the version is served');
    expect(reloader.refusedVersion).toBeUndefined();
    expect(reloader.planCache.keys().sort()).toEqual(planKeys(productPage).sort());
  });

  it('checks a new version against the last operations read while their source is down, and says so', async () => {
    const { reloader, supergraph, operations, logged, polled } = await start(committed, [categoryPage]);
    expect(reloader.sources.operations).toMatchObject({ status: 'ok' });
    operations.down = true;
    await polled();
    const down = reloader.sources.operations;
    expect(down).toMatchObject({ status: 'unreachable', reason: 'connect ECONNREFUSED' });
    expect(down.lastReadAt).toBeLessThan(down.since);
    expect(reloader.sources.supergraph.status).toBe('ok');

    supergraph.value = withoutChildren;
    await until(() => reloader.refusedVersion === schemaVersionOf(withoutChildren), 'the version is refused');
    expect(reloader.version).toBe(schemaVersionOf(committed));
    await polled();
    expect(logged.filter((line) => line.msg.startsWith('registered operations unreadable'))).toHaveLength(1);
    expect(reloader.sources.operations.since).toBe(down.since);

    operations.down = false;
    await until(() => reloader.sources.operations.status === 'ok', 'the source reads again');
    expect(logged.filter((line) => line.msg === 'registered operations readable again')).toHaveLength(1);
  });

  it('says when the supergraph source is down, keeps serving, and forgets a refusal the source takes back', async () => {
    const { reloader, supergraph, polled } = await start(committed, [categoryPage]);
    supergraph.value = withoutChildren;
    await until(() => reloader.refusedVersion !== undefined, 'the version is refused');
    supergraph.down = true;
    await polled();
    expect(reloader.sources.supergraph).toMatchObject({ status: 'unreachable' });
    expect(reloader.version).toBe(schemaVersionOf(committed));

    // Rolled back to the version served: nothing newer is refused any more.
    supergraph.value = committed;
    supergraph.down = false;
    await until(() => reloader.refusedVersion === undefined, 'the refusal is forgotten');
    expect(reloader.sources.supergraph.status).toBe('ok');
  });

  describe('a registered operation that does not fit', () => {
    it('refuses the supergraph at start by default, naming the operation', async () => {
      await expect(start(withoutChildren, [categoryPage, productPage])).rejects.toThrow(
        /^memory supergraph: the supergraph cannot be served: CategoryPage \(storefront: operations\/CategoryPage.graphql\): Cannot query field "children"/,
      );
    });

    it('with warn, is left out and the supergraph served, said once per version', async () => {
      const { reloader, supergraph, logged, polled } = await start(
        withoutChildren,
        [categoryPage, productPage],
        'warn',
      );
      expect(reloader.version).toBe(schemaVersionOf(withoutChildren));
      // Only the operation that fits is planned and warmed.
      expect(reloader.planCache.keys().sort()).toEqual(planKeys(productPage).sort());
      const next = `${withoutChildren}\n# republished\n`;
      supergraph.value = next;
      await until(() => reloader.version === schemaVersionOf(next), 'the next version is served');
      await polled();
      const warnings = logged.filter((line) => line.msg.startsWith('registered operations that do not fit'));
      expect(warnings).toEqual([
        expect.objectContaining({ level: 40, version: schemaVersionOf(withoutChildren), skipped: 1 }),
        expect.objectContaining({ level: 40, version: schemaVersionOf(next), skipped: 1, registered: 2 }),
      ]);
      expect(warnings[0]!.problems).toEqual([
        expect.stringMatching(/^CategoryPage \(storefront: operations\/CategoryPage.graphql\): /),
      ]);
    });

    it('with warn and none that fits, or none registered, starts and says so once', async () => {
      const none = await start(withoutChildren, [categoryPage], 'warn');
      expect(none.reloader.version).toBe(schemaVersionOf(withoutChildren));
      expect(none.logged.filter((line) => line.level >= 40).map((line) => line.msg)).toEqual([
        'no registered operation fits the supergraph; serving it without them',
      ]);

      const empty = await start(committed, []);
      empty.supergraph.value = withoutChildren;
      await until(() => empty.reloader.version === schemaVersionOf(withoutChildren), 'the next version');
      expect(empty.logged.filter((line) => line.level >= 40).map((line) => line.msg)).toEqual([
        'no registered operations: supergraphs are served without checking any operation against them',
      ]);
    });
  });
});
