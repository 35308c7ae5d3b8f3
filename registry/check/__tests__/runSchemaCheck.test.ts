import { parse } from 'graphql';
import { prepareSupergraph } from '../../../gateway/schema/prepareSupergraph.js';
import { runSchemaCheck } from '../runSchemaCheck.js';
import type { ClientOperation, SchemaCheckInput, SchemaCheckReport } from '../SchemaCheck.js';
import { editSubgraph, workingTreeInput } from './support/workingTree.js';

let input: SchemaCheckInput;
beforeAll(async () => {
  input = await workingTreeInput();
});

/** The working tree with `name`'s SDL edited. */
function edited(name: string, edit: (sdl: string) => string): SchemaCheckInput {
  return { ...input, subgraphs: editSubgraph(input.subgraphs, name, edit) };
}

function broken(report: SchemaCheckReport): string[] {
  return report.operations
    .filter((operation) => operation.problems.length > 0)
    .map((operation) => `${operation.client}/${operation.operation}`)
    .sort();
}

const EVERY_PAGE = ['CategoryPage', 'HomePage', 'ProductPage'];
const CLIENTS = ['partner-dev', 'storefront'];

describe('runSchemaCheck', () => {
  it('passes the working tree against the committed supergraph, costing every operation of every client', async () => {
    const report = await runSchemaCheck(input);
    expect(report).toMatchObject({
      ok: true,
      approvable: true,
      changed: [],
      changes: [],
      policy: [],
      warnings: [],
    });
    expect(report.composition.ok).toBe(true);
    expect(report.composition.hints.map((hint) => hint.code)).toEqual(['UNUSED_ENUM_TYPE']);
    expect(report.operations.map(({ client, operation, cost }) => ({ client, operation, cost }))).toEqual([
      { client: 'storefront', operation: 'CategoryPage', cost: 699 },
      { client: 'storefront', operation: 'HomePage', cost: 1_550 },
      { client: 'storefront', operation: 'ProductPage', cost: 335 },
      { client: 'partner-dev', operation: 'CategoryPage', cost: 699 },
      { client: 'partner-dev', operation: 'HomePage', cost: 1_550 },
      { client: 'partner-dev', operation: 'ProductPage', cost: 335 },
    ]);
    expect(report.costLimit).toBe(10_000);
    expect(report.schemaVersion).toMatch(/^[0-9a-f]{16}$/);
  });

  it("fails a type change an operation reads, naming the operation for each client (issue 17's first repro)", async () => {
    const report = await runSchemaCheck(
      edited('pricing', (sdl) => sdl.replace('  title: String!', '  title: Int!')),
    );
    expect(report).toMatchObject({ ok: false, approvable: true, changed: ['pricing'] });
    expect(report.changes).toEqual([
      expect.objectContaining({
        criticality: 'breaking',
        type: 'FIELD_TYPE_CHANGED',
        path: 'Promotion.title',
      }),
    ]);
    expect(broken(report)).toEqual(['partner-dev/ProductPage', 'storefront/ProductPage']);
    const productPage = report.operations.find((check) => check.operation === 'ProductPage');
    expect(productPage?.problems).toEqual([
      "uses Promotion.title: Field 'Promotion.title' changed type from 'String!' to 'Int!'",
    ]);
  });

  it('refuses an operation over the cost limit with the figure and words the gateway refuses it with', async () => {
    // Issue 17's second repro: a partner's operation of 100 products' badges, after content says 60 badges each.
    const partnerBadges: ClientOperation = {
      client: 'partner-dev',
      source: 'persisted-query-manifest.json PartnerBadges',
      name: 'PartnerBadges',
      body: 'query PartnerBadges { products(first: 100) { nodes { id badges { code label } } } }',
    };
    const change = (sdl: string) =>
      sdl.replace(
        'badges: [Badge!] @listSize(assumedSize: 4)',
        'badges: [Badge!] @listSize(assumedSize: 60)',
      );
    const before = await runSchemaCheck({ ...input, operations: [...input.operations, partnerBadges] });
    expect(before.ok).toBe(true);

    const report = await runSchemaCheck({
      ...edited('content', change),
      operations: [...input.operations, partnerBadges],
    });
    expect(report).toMatchObject({ ok: false, approvable: true, changed: ['content'] });
    expect(broken(report)).toEqual(['partner-dev/PartnerBadges']);
    const check = report.operations.find((operation) => operation.operation === 'PartnerBadges')!;

    const gateway = prepareSupergraph(
      report.supergraphSdl!,
      [{ ...partnerBadges, document: parse(partnerBadges.body), sole: true }],
      input.limits,
    );
    expect(gateway.ok).toBe(false);
    expect(gateway.ok ? [] : gateway.problems).toEqual([
      `PartnerBadges (${partnerBadges.source}): ${check.problems[0]}`,
    ]);
    expect(check.problems).toEqual([
      expect.stringMatching(
        new RegExp(`^every request would be refused: Query cost ${check.cost} exceeds the limit of 10000\\.`),
      ),
    ]);
    expect(check.cost).toBeGreaterThan(10_000);
  });

  it('passes an added nullable field as a safe change, and says which subgraph changed', async () => {
    const report = await runSchemaCheck(
      edited('pricing', (sdl) =>
        sdl.replace('  priceRange: PriceRange\n', '  priceRange: PriceRange\n  taxNote: String\n'),
      ),
    );
    expect(report.changed).toEqual(['pricing']);
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'safe', type: 'FIELD_ADDED', path: 'Product.taxNote' }),
    ]);
    expect(report.ok).toBe(true);
  });

  it('passes the removal of a field no operation reads, with a warning', async () => {
    const report = await runSchemaCheck(
      edited('catalog', (sdl) =>
        sdl.replace(/\n {2}"""\n {2}When the product was added[^"]*"""\n {2}createdAt: String!/, ''),
      ),
    );
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([
      expect.objectContaining({ criticality: 'breaking', type: 'FIELD_REMOVED', path: 'Product.createdAt' }),
    ]);
    expect(report.warnings).toEqual([
      "Breaking change no registered operation uses: Field 'createdAt' was removed from object type 'Product'",
    ]);
  });

  it("fails the removal of a field every page reads, with the gateway's validation message", async () => {
    const report = await runSchemaCheck(edited('catalog', (sdl) => sdl.replace(/\n {2}slug: String!/, '')));
    expect(report.ok).toBe(false);
    expect(broken(report)).toEqual(
      CLIENTS.flatMap((client) => EVERY_PAGE.map((page) => `${client}/${page}`)),
    );
    const problems = report.operations.find((operation) => operation.operation === 'CategoryPage')?.problems;
    expect(problems?.[0]).toMatch(/^Cannot query field "slug" on type "Product"\./);
  });

  it('fails composition errors without approval, attributed to the changed subgraph first', async () => {
    const report = await runSchemaCheck({
      ...edited('pricing', (sdl) =>
        sdl.replace(/(type Product @key\(fields: "id"\)[^{]*\{\n {2}id: )ID!/, '$1String!'),
      ),
      changed: ['pricing'],
    });
    expect(report).toMatchObject({ ok: false, approvable: false, operations: [], supergraphSdl: null });
    expect(report.composition.errors).toContainEqual({
      code: 'FIELD_TYPE_MISMATCH',
      message: expect.stringMatching(
        /^Type of field "Product\.id" is incompatible across subgraphs/,
      ) as string,
      subgraphs: ['pricing', 'catalog', 'content', 'customer', 'inventory'],
    });
  });

  it('fails an error policy finding, approvably, and only reports a warning one', async () => {
    const change = edited('pricing', (sdl) =>
      sdl.replace('  priceRange: PriceRange\n', '  priceRange: PriceRange\n  taxRate: Float!\n'),
    );
    const failing = await runSchemaCheck(change);
    expect(failing).toMatchObject({ ok: false, approvable: true });
    expect(failing.policy).toEqual([
      expect.objectContaining({ rule: 'entity-extension-nullable', severity: 'error', subgraph: 'pricing' }),
    ]);
    const warned = await runSchemaCheck({ ...change, policy: { 'entity-extension-nullable': 'warn' } });
    expect(warned.ok).toBe(true);
    expect(warned.policy.map((finding) => finding.severity)).toEqual(['warn']);
    const off = await runSchemaCheck({ ...change, policy: { 'entity-extension-nullable': 'off' } });
    expect(off.policy).toEqual([]);
  });

  it('checks every operation but reports no change when nothing is published yet', async () => {
    const report = await runSchemaCheck({ ...input, baseline: null });
    expect(report.ok).toBe(true);
    expect(report.changes).toEqual([]);
    expect(report.changed).toEqual(['catalog', 'inventory', 'pricing', 'customer', 'content']);
    expect(report.operations).toHaveLength(6);
  });

  it('reports an operation that does not parse as broken, without failing the others', async () => {
    const garbled: ClientOperation = { client: 'partner-dev', source: 'x', name: 'Garbled', body: 'query {' };
    const report = await runSchemaCheck({ ...input, operations: [...input.operations, garbled] });
    expect(broken(report)).toEqual(['partner-dev/Garbled']);
    expect(report.operations.find((check) => check.operation === 'Garbled')?.problems[0]).toMatch(
      /^not a GraphQL document: Syntax Error/,
    );
  });
});
