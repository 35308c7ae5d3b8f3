import { randomBytes } from 'node:crypto';
import { DEVELOPMENT_INTERNAL_SECRET } from '../../contracts/internalIdentity.js';
import { PostgresDatabase } from '../../subgraphs/shared/database/PostgresDatabase.js';
import { testDatabaseTargets } from '../../subgraphs/shared/testing/testDatabases.js';
import { serveTestSubgraph, type TestSubgraph } from './support/serveTestSubgraph.js';
import { startTestRegistry, TEST_TOKENS, type TestRegistry } from './support/startTestRegistry.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const PRODUCTS = `${LINK}\ntype Query { product(id: ID!): Product }\ntype Product @key(fields: "id") { id: ID! }`;
const REVIEWS = `${LINK}\ntype Product @key(fields: "id") { id: ID! rating: Int }`;

// Two registry processes on one PostgreSQL server: only a real server has several sessions to race.
const serverUrl = testDatabaseTargets().some((target) => target.name === 'postgres')
  ? process.env['DATABASE_URL']
  : undefined;

(serverUrl ? describe : describe.skip)('two registry replicas on one PostgreSQL server', () => {
  const database = `test_registry_${randomBytes(4).toString('hex')}`;
  let admin: PostgresDatabase;
  let replicas: TestRegistry[] = [];
  let products: TestSubgraph;
  let reviews: TestSubgraph;

  beforeAll(async () => {
    admin = await PostgresDatabase.connect(serverUrl!, { maxConnections: 1 });
    await admin.exec(`CREATE DATABASE ${database}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${database}`;
    // Started together: both migrate the empty database, under the registry's lock.
    replicas = await Promise.all(
      [0, 1].map(() => startTestRegistry({ overrides: { database: { url: url.toString(), poolSize: 3 } } })),
    );
    [products, reviews] = await Promise.all([
      serveTestSubgraph(PRODUCTS, DEVELOPMENT_INTERNAL_SECRET),
      serveTestSubgraph(REVIEWS, DEVELOPMENT_INTERNAL_SECRET),
    ]);
  });
  afterAll(async () => {
    await Promise.all([...replicas.map((replica) => replica.stop()), products?.close(), reviews?.close()]);
    await admin?.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin?.close();
  });

  it('records publishes sent to each at once as consecutive versions, the later built on the earlier', async () => {
    const publish = (replica: TestRegistry, subgraphs: { name: string; url: string; sdl: string }[]) =>
      replica.request('POST', '/publish', { token: TEST_TOKENS.admin, body: { subgraphs, author: 'ci' } });
    const seeded = await publish(replicas[0]!, [
      { name: 'products', url: products.url, sdl: PRODUCTS },
      { name: 'reviews', url: reviews.url, sdl: REVIEWS },
    ]);
    expect(seeded.status).toBe(201);

    const productsNext = PRODUCTS.replace('id: ID! }', 'id: ID! name: String }');
    const reviewsNext = REVIEWS.replace('rating: Int', 'rating: Int stars: Int');
    products.deploy(productsNext);
    reviews.deploy(reviewsNext);
    const [a, b] = await Promise.all([
      publish(replicas[0]!, [{ name: 'products', url: products.url, sdl: productsNext }]),
      publish(replicas[1]!, [{ name: 'reviews', url: reviews.url, sdl: reviewsNext }]),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const numbers = [a, b].map((response) => (response.body as { version: number }).version).sort();
    expect(numbers).toEqual([2, 3]);
    const latest = (await replicas[1]!.request('GET', '/versions/3')).body as { snapshot: { sdl: string }[] };
    expect(latest.snapshot.map((subgraph) => subgraph.sdl)).toEqual([productsNext, reviewsNext]);
    // Both replicas serve the same current version.
    const etags = await Promise.all(
      replicas.map(async (replica) =>
        (await replica.request('GET', '/supergraph.graphql')).headers.get('etag'),
      ),
    );
    expect(etags[0]).toBe(etags[1]);
  });
});
