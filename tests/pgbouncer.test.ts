import { loadSubgraphsConfig } from '../subgraphs/config.js';
import { pricing } from '../subgraphs/pricing/index.js';
import { pricesOfProducts } from '../subgraphs/pricing/db.js';
import { expectedProductPrice } from '../subgraphs/pricing/__tests__/seededPrices.js';
import type { Database } from '../subgraphs/shared/database/Database.js';
import { openDatabase } from '../subgraphs/shared/database/openDatabase.js';
import { PostgresDatabase } from '../subgraphs/shared/database/PostgresDatabase.js';
import { startTestSubgraph, type TestSubgraph } from '../subgraphs/shared/testing/subgraphHarness.js';
import { ownDatabase, type OwnDatabase } from './support/ownDatabase.js';
import { hasPgbouncer, startPgbouncer, type TestPgbouncer } from './support/pgbouncer.js';

// Needs a pgbouncer binary and a PostgreSQL server behind it; CI has both, so there a missing one fails the run.
const available = hasPgbouncer() && Boolean(process.env['DATABASE_URL']);
if (!available && process.env['CI'] === 'true')
  throw new Error('pgbouncer must be on the PATH and DATABASE_URL set under CI');
const describeWithPgbouncer = available ? describe : describe.skip;

/** More client connections than PgBouncer keeps server connections, as many replicas would open. */
const CLIENT_POOL_SIZE = 8;

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { id priceRange { min { amount } max { amount } } } } }`;

type Entities = {
  _entities: { id: string; priceRange: { min: { amount: string }; max: { amount: string } } }[];
};

/** The database of the pricing subgraph as `loadSubgraphsConfig` reads it from `env`, reached through `bouncer`. */
function openThroughPooler(
  bouncer: TestPgbouncer,
  directUrl: string,
  env: NodeJS.ProcessEnv,
): Promise<Database> {
  const config = loadSubgraphsConfig(
    {
      PRICING_DATABASE_URL: bouncer.urlFor(directUrl),
      DATABASE_POOL_SIZE: String(CLIENT_POOL_SIZE),
      ...env,
    },
    ['pricing'],
  );
  return openDatabase(config.databases['pricing']!);
}

describeWithPgbouncer('subgraphs behind PgBouncer in transaction pooling', () => {
  let bouncer: TestPgbouncer;
  let own: OwnDatabase;
  let directUrl: string;
  let direct: PostgresDatabase;

  beforeAll(async () => {
    own = await ownDatabase('pricing');
    directUrl = own.env['PRICING_DATABASE_URL']!;
    direct = await PostgresDatabase.connect(directUrl, { maxConnections: 1 });
    bouncer = await startPgbouncer(process.env['DATABASE_URL']!);
  }, 60_000);
  afterAll(async () => {
    await direct?.close();
    await bouncer?.stop();
    await own?.dispose();
  });

  describe('with DATABASE_PREPARED_STATEMENTS=false', () => {
    let db: Database;
    let subgraph: TestSubgraph;

    beforeAll(async () => {
      db = await openThroughPooler(bouncer, directUrl, { DATABASE_PREPARED_STATEMENTS: 'false' });
      subgraph = await startTestSubgraph(pricing, db);
    }, 120_000);
    afterAll(async () => {
      await subgraph?.stop();
      await db?.close();
    });

    it('migrates and seeds through the pooler, then answers concurrent requests correctly', async () => {
      // 200 at once: enough that, with named statements, some fail (as the next describe shows on the queries alone).
      const requests = Array.from({ length: 200 }, (_, index) => {
        const ids = [1 + (index % 20), 21 + (index % 20), 41 + (index % 20)];
        return { ids, answer: subgraph.request<Entities>(ENTITIES, { r: ids.map((id) => product(id)) }) };
      });
      const expected = new Map<number, Awaited<ReturnType<typeof expectedProductPrice>>>();
      for (let id = 1; id <= 60; id += 1) expected.set(id, await expectedProductPrice(direct, id, 'US'));
      for (const { ids, answer } of requests) {
        const body = await answer;
        expect(body.errors).toBeUndefined();
        expect(body.data?._entities).toEqual(
          ids.map((id) => ({
            id: String(id),
            priceRange: { min: { amount: expected.get(id)!.min }, max: { amount: expected.get(id)!.max } },
          })),
        );
      }
      // The clients shared PgBouncer's few server connections rather than opening one each.
      const [backends] = await direct.query<{ count: number }>(
        `SELECT count(*) AS count FROM pg_stat_activity
         WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      );
      expect(backends!.count).toBeGreaterThan(0);
      expect(backends!.count).toBeLessThanOrEqual(bouncer.poolSize);
    }, 60_000);
  });

  describe('with named prepared statements (the default)', () => {
    let db: Database;

    beforeAll(async () => {
      db = await openThroughPooler(bouncer, directUrl, {});
    });
    afterAll(() => db?.close());

    it('fails concurrent queries: a statement prepared on one server connection is missing on another', async () => {
      // PgBouncer before 1.21 passes Parse to whichever server connection the transaction got; a later Bind of the
      // same name from that client may land on another one. Rounds until that happens, with a bound.
      let failure: unknown;
      for (let round = 0; round < 50 && failure === undefined; round += 1) {
        const results = await Promise.allSettled(
          Array.from({ length: 4 * CLIENT_POOL_SIZE }, (_, index) =>
            pricesOfProducts(db, [1 + (index % 10), 11 + (index % 10)], index % 2 ? 'US' : 'UK'),
          ),
        );
        failure = results.find((result) => result.status === 'rejected')?.reason;
      }
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/^prepared statement "\w+" does not exist$/);
    }, 60_000);
  });
});

function product(id: number) {
  return { __typename: 'Product', id: String(id) };
}
