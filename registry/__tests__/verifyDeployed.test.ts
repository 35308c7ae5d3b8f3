import { DEVELOPMENT_INTERNAL_SECRET } from '../../contracts/internalIdentity.js';
import { schemaCoordinates } from '../deploy/schemaCoordinates.js';
import { verifyDeployed } from '../deploy/verifyDeployed.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import { serveTestSubgraph, type TestSubgraph } from './support/serveTestSubgraph.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';
const DEPLOYED = `${LINK}
type Query { product(id: ID!): Product }
type Product @key(fields: "id") { id: ID! name: String legacy: String }
enum Market { US EU }`;

describe('schemaCoordinates', () => {
  it('lists types, fields, arguments, input fields and enum values, extensions as their type', () => {
    expect(
      schemaCoordinates(`
        directive @tag(name: String) on FIELD_DEFINITION
        type Query { products(first: Int, filter: Filter): [Product] }
        extend type Product { price(currency: String): Int }
        input Filter { text: String }
        enum Market { US }
        union Result = Product
        scalar Money`),
    ).toEqual([
      'Query',
      'Query.products',
      'Query.products(first:)',
      'Query.products(filter:)',
      'Product',
      'Product.price',
      'Product.price(currency:)',
      'Filter',
      'Filter.text',
      'Market',
      'Market.US',
      'Result',
      'Money',
    ]);
  });
});

describe('verifyDeployed', () => {
  let subgraph: TestSubgraph;
  const options = { internalAuthSecret: DEVELOPMENT_INTERNAL_SECRET, timeoutMs: 2_000 };
  beforeAll(async () => {
    subgraph = await serveTestSubgraph(DEPLOYED, DEVELOPMENT_INTERNAL_SECRET);
  });
  afterAll(async () => {
    await subgraph?.close();
  });

  it('passes when the running subgraph serves the SDL, asking with a signed identity', async () => {
    const before = subgraph.verifiedRequests();
    await verifyDeployed([{ name: 'pricing', url: subgraph.url, sdl: DEPLOYED }], options);
    expect(subgraph.verifiedRequests()).toBe(before + 1);
  });

  it('passes a removal: the running subgraph may still serve what the SDL drops', async () => {
    const withoutLegacy = DEPLOYED.replace(' legacy: String', '').replace(' EU', '');
    await expect(
      verifyDeployed([{ name: 'pricing', url: subgraph.url, sdl: withoutLegacy }], options),
    ).resolves.toBeUndefined();
  });

  it('refuses an addition the running subgraph lacks, naming every missing coordinate', async () => {
    const added = DEPLOYED.replace(
      'legacy: String',
      'legacy: String newField(currency: String): Int',
    ).replace('EU', 'EU UK');
    const refusal = await verifyDeployed([{ name: 'pricing', url: subgraph.url, sdl: added }], options).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(RegistryError);
    expect(refusal).toMatchObject({
      code: RegistryErrorCode.SubgraphNotDeployed,
      status: 422,
      message:
        `pricing at ${subgraph.url} does not serve Product.newField, Product.newField(currency:), Market.UK yet: ` +
        'deploy the subgraph first, then publish',
      details: {
        subgraphs: [
          {
            name: 'pricing',
            url: subgraph.url,
            missing: ['Product.newField', 'Product.newField(currency:)', 'Market.UK'],
          },
        ],
      },
    });
  });

  it('passes once the subgraph is deployed with the addition', async () => {
    const added = DEPLOYED.replace('legacy: String', 'legacy: String newField: Int');
    subgraph.deploy(added);
    try {
      await expect(
        verifyDeployed([{ name: 'pricing', url: subgraph.url, sdl: added }], options),
      ).resolves.toBeUndefined();
    } finally {
      subgraph.deploy(DEPLOYED);
    }
  });

  it('answers SUBGRAPH_UNREACHABLE, naming the subgraph, when nothing listens at its URL', async () => {
    const closed = await serveTestSubgraph(DEPLOYED, DEVELOPMENT_INTERNAL_SECRET);
    await closed.close();
    const refusal = await verifyDeployed(
      [{ name: 'inventory', url: closed.url, sdl: DEPLOYED }],
      options,
    ).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: RegistryErrorCode.SubgraphUnreachable, status: 502 });
    expect((refusal as Error).message).toMatch(/^inventory: /);
    expect((refusal as Error).message).toContain(closed.url);
  });

  it('answers SUBGRAPH_UNREACHABLE when the subgraph refuses the identity (another secret)', async () => {
    const refusal = await verifyDeployed([{ name: 'pricing', url: subgraph.url, sdl: DEPLOYED }], {
      ...options,
      internalAuthSecret: 'a-different-secret-of-at-least-32-characters',
    }).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: RegistryErrorCode.SubgraphUnreachable });
    expect((refusal as Error).message).toContain('401');
  });
});
