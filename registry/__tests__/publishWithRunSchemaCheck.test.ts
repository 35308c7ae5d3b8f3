import { DEVELOPMENT_INTERNAL_SECRET } from '../../contracts/internalIdentity.js';
import type { SchemaCheckReport } from '../check/SchemaCheck.js';
import { runSchemaCheck } from '../check/runSchemaCheck.js';
import { serveTestSubgraph, type TestSubgraph } from './support/serveTestSubgraph.js';
import { startTestRegistry, type TestRegistry } from './support/startTestRegistry.js';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key", "@listSize"])';
const PRODUCTS = `${LINK}
type Query { products: [Product!]! @listSize(assumedSize: 10) }
type Product @key(fields: "id") { id: ID! name: String }`;

describe('publishing with runSchemaCheck', () => {
  let registry: TestRegistry;
  let products: TestSubgraph;
  beforeAll(async () => {
    [registry, products] = await Promise.all([
      startTestRegistry({ check: runSchemaCheck }),
      serveTestSubgraph(PRODUCTS, DEVELOPMENT_INTERNAL_SECRET),
    ]);
  });
  afterAll(async () => {
    await Promise.all([registry?.stop(), products?.close()]);
  });

  it('refuses a type change a registered operation uses, naming it and its client, until approved', async () => {
    const publish = (sdl: string, approval?: { reason: string }) =>
      registry.request('POST', '/publish', {
        body: { subgraphs: [{ name: 'products', url: products.url, sdl }], author: 'ada', approval },
      });
    expect((await publish(PRODUCTS)).status).toBe(201);
    const registered = await registry.request('PUT', '/operations', {
      body: {
        client: 'partner-dev',
        operations: [
          { source: 'manifest.json Names', name: 'Names', body: 'query Names { products { name } }' },
        ],
      },
    });
    expect(registered.status).toBe(200);

    const intName = PRODUCTS.replace('name: String', 'name: Int');
    products.deploy(intName);
    const refused = await publish(intName);
    expect(refused.status).toBe(409);
    const report = (refused.body as { error: { report: SchemaCheckReport } }).error.report;
    expect(report.operations).toEqual([
      expect.objectContaining({ client: 'partner-dev', operation: 'Names', problems: [expect.any(String)] }),
    ]);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ criticality: 'breaking', path: 'Product.name' }),
    );

    const approved = await publish(intName, { reason: 'partner moves off name' });
    expect(approved.status).toBe(201);
    expect(approved.body).toMatchObject({
      version: 2,
      approved: true,
      excludedOperations: [{ name: 'Names' }],
    });
  });
});
