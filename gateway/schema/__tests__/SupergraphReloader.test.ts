import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { pino } from 'pino';
import { DEFAULT_OPERATION_LIMITS } from '../../limits/operationLimits.js';
import { fileSupergraphSource } from '../fileSupergraphSource.js';
import { fixedOperationsSource } from '../fixedOperationsSource.js';
import { planKeys } from '../prepareSupergraph.js';
import type { RegisteredOperation } from '../RegisteredOperations.js';
import { schemaVersionOf } from '../schemaVersion.js';
import { SupergraphReloader } from '../SupergraphReloader.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A subgraph that answers nothing: these tests look at schemas and plans, not at answers. */
const silentSubgraph: GraphQLDataSource = { process: async () => ({ data: null }) };

async function registered(name: string): Promise<RegisteredOperation> {
  const source = path.join('operations', `${name}.graphql`);
  const body = await readFile(path.join(root, 'schema', source), 'utf8');
  return { name, source, body, document: parse(body), sole: true };
}

/** Polls `condition` until it holds; fails after `attempts` looks. */
async function until(condition: () => boolean, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('SupergraphReloader', () => {
  let committed: string;
  let file: string;
  let operations: RegisteredOperation[];
  let reloader: SupergraphReloader;
  let apollo: ApolloServer;
  const logged: { level: number; msg: string; refused?: string; problems?: string[] }[] = [];

  /** Replaces the supergraph file the way a deployment does: written aside, then renamed over it. */
  async function publish(sdl: string) {
    const next = `${file}.next`;
    await writeFile(next, sdl);
    await rename(next, file);
  }

  beforeAll(async () => {
    committed = await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
    file = path.join(await mkdtemp(path.join(tmpdir(), 'supergraph-')), 'supergraph.graphql');
    await writeFile(file, committed);
    operations = [await registered('CategoryPage'), await registered('ProductPage')];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) },
    );
    reloader = new SupergraphReloader({
      source: fileSupergraphSource(file),
      pollIntervalMs: 50,
      operations: fixedOperationsSource(operations, 'operations'),
      costLimit: DEFAULT_OPERATION_LIMITS,
      logger,
    });
    const gateway = new ApolloGateway({
      supergraphSdl: reloader,
      queryPlannerConfig: { cache: reloader.planCache },
      buildService: () => silentSubgraph,
      logger,
    });
    gateway.onSchemaLoadOrUpdate((loaded) => reloader.schemaLoaded(loaded));
    apollo = new ApolloServer({ gateway });
    await apollo.start();
  }, 60_000);
  afterAll(async () => {
    await apollo?.stop();
    await rm(path.dirname(file), { recursive: true, force: true });
  });

  it('serves the first supergraph with a plan for every registered operation already in the gateway cache', async () => {
    expect(reloader.version).toBe(schemaVersionOf(committed));
    const warm = operations.flatMap((operation) => planKeys(operation)).sort();
    expect(reloader.planCache.keys().sort()).toEqual(warm);
    // The gateway finds the warm plan under its own key, with the name sent or not: it plans nothing new.
    const [categoryPage] = operations;
    await apollo.executeOperation({
      query: categoryPage!.body,
      operationName: 'CategoryPage',
      variables: { slug: 'x' },
    });
    await apollo.executeOperation({ query: categoryPage!.body, variables: { slug: 'x' } });
    expect(reloader.planCache.keys().sort()).toEqual(warm);
    await apollo.executeOperation({ query: '{ departments { id } }' });
    expect(reloader.planCache.keys()).toHaveLength(warm.length + 1);
  });

  it('swaps to a new version of the file, with the plan cache warm for it', async () => {
    const next = `${committed}\n# republished\n`;
    await publish(next);
    await until(() => reloader.version === schemaVersionOf(next), 'the new version is served');
    expect(reloader.planCache.keys().sort()).toEqual(operations.flatMap((each) => planKeys(each)).sort());
    expect(logged.find((line) => line.msg === 'supergraph swapped')).toMatchObject({ level: 30 });
  });

  it('refuses what is not a supergraph, keeps serving, and takes the next valid version', async () => {
    const serving = reloader.version;
    await publish('this is not a supergraph');
    await until(() => reloader.refusedVersion !== undefined, 'the file is refused');
    expect(reloader.refusedVersion).toBe(schemaVersionOf('this is not a supergraph'));
    expect(reloader.version).toBe(serving);
    const refusal = logged.filter((line) => line.msg.startsWith('supergraph refused'));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatchObject({ level: 50, refused: reloader.refusedVersion });
    expect(refusal[0]!.problems![0]).toMatch(/^not a valid supergraph: Syntax Error/);
    const answer = await apollo.executeOperation({ query: '{ __type(name: "Product") { name } }' });
    expect(answer.body.kind === 'single' && answer.body.singleResult.data).toEqual({
      __type: { name: 'Product' },
    });

    await publish(committed);
    await until(() => reloader.version === schemaVersionOf(committed), 'the valid version is served');
    expect(reloader.refusedVersion).toBeUndefined();
  });

  it('refuses a version whose list sizes put a registered operation over the cost limit, once', async () => {
    const serving = reloader.version;
    const seen = logged.length;
    // A product's badges, 4 at most, declared as up to 2000: each page of 24 products would cost far more.
    const declared = '@join__field(graph: CONTENT) @listSize(assumedSize: 4)';
    expect(committed).toContain(`badges: [Badge!] ${declared}`);
    const costly = committed.replace(
      `badges: [Badge!] ${declared}`,
      'badges: [Badge!] @join__field(graph: CONTENT) @listSize(assumedSize: 2000)',
    );
    await publish(costly);
    await until(() => reloader.refusedVersion === schemaVersionOf(costly), 'the costly version is refused');
    // Several more looks at the source: the refused version is not prepared or logged again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reloader.version).toBe(serving);
    const refusals = logged.slice(seen).filter((line) => line.msg.startsWith('supergraph refused'));
    expect(refusals).toHaveLength(1);
    // 24 products × 2000 badges × (code, label), and each badge list's own weight.
    expect(refusals[0]!.problems).toEqual([
      'CategoryPage (operations/CategoryPage.graphql): every request would be refused: ' +
        'Query cost 96507 exceeds the limit of 10000. Most expensive lists: ' +
        'category.products.edges (size 24, cost 96433), ' +
        'category.products.edges.node.badges (size 2000, cost 96024), ' +
        'category.products.edges.node.images (size 1, cost 72).',
    ]);

    const next = `${committed}\n# after a costly version\n`;
    await publish(next);
    await until(() => reloader.version === schemaVersionOf(next), 'the next valid version is served');
    expect(reloader.refusedVersion).toBeUndefined();
  });
});
