import { composeSupergraph } from '../composeSupergraph.js';
import { runSchemaCheck } from '../runSchemaCheck.js';
import type { SubgraphSchema } from '../SchemaCheck.js';
import {
  committedSupergraph,
  editSubgraph,
  workingTreeInput,
  workingTreeSubgraphs,
} from './support/workingTree.js';

const LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key", "@shareable"])\n';

function subgraphs(sdl: Record<string, string>): SubgraphSchema[] {
  return Object.entries(sdl).map(([name, body]) => ({
    name,
    url: `http://${name}/graphql`,
    sdl: LINK + body,
  }));
}

describe('composeSupergraph', () => {
  it('composes the working tree into the committed schema/supergraph.graphql (run `npm run compose` when this fails)', async () => {
    const composition = composeSupergraph(await workingTreeSubgraphs());
    if (!composition.ok) throw new Error(composition.errors.map((error) => error.message).join('\n'));
    expect(composition.supergraphSdl).toBe(await committedSupergraph());
  });

  it("attributes a subgraph's own @key error to it, with the library's code", () => {
    const composition = composeSupergraph(
      subgraphs({
        alpha: 'type Query { item: Item } type Item @key(fields: "id") { id: ID! name: String }',
        beta: 'type Item @key(fields: "sku") { id: ID! stock: Int }',
      }),
    );
    expect(composition.ok).toBe(false);
    expect(composition.ok ? [] : composition.errors).toEqual([
      {
        code: 'KEY_INVALID_FIELDS',
        message: expect.stringMatching(
          /^\[beta\] On type "Item", for @key\(fields: "sku"\): Cannot query field "sku"/,
        ),
        subgraphs: ['beta'],
      },
    ]);
  });

  it('names every subgraph of a mismatch, the changed ones first, from its AST nodes or its message', () => {
    const mismatched = subgraphs({
      alpha: 'type Query { item: Item } type Item @key(fields: "id") { id: ID! price: Int }',
      beta: 'type Item @key(fields: "id") { id: ID! price: String }',
    });
    const unchanged = composeSupergraph(mismatched);
    const changed = composeSupergraph(mismatched, ['beta']);
    const codes = (composition: typeof changed) =>
      composition.ok ? [] : composition.errors.map(({ code, subgraphs }) => ({ code, subgraphs }));
    expect(codes(unchanged)).toEqual([
      { code: 'FIELD_TYPE_MISMATCH', subgraphs: ['alpha', 'beta'] },
      // Its AST nodes carry no subgraph: the message's `subgraphs "alpha" and "beta"` names them.
      { code: 'INVALID_FIELD_SHARING', subgraphs: ['alpha', 'beta'] },
    ]);
    expect(codes(changed)).toEqual([
      { code: 'FIELD_TYPE_MISMATCH', subgraphs: ['beta', 'alpha'] },
      { code: 'INVALID_FIELD_SHARING', subgraphs: ['beta', 'alpha'] },
    ]);
  });

  it('reports SDL that does not parse as INVALID_GRAPHQL of its subgraph', () => {
    const composition = composeSupergraph([
      { name: 'alpha', url: 'http://alpha', sdl: 'type Query { item: Int }' },
      { name: 'beta', url: 'http://beta', sdl: 'type Query {' },
    ]);
    expect(composition).toEqual({
      ok: false,
      errors: [
        {
          code: 'INVALID_GRAPHQL',
          message: '[beta] Syntax Error: Expected Name, found <EOF>.',
          subgraphs: ['beta'],
        },
      ],
      hints: [],
    });
  });

  it('keeps the hints, with their codes and subgraphs', () => {
    const composition = composeSupergraph(
      subgraphs({
        alpha: 'type Query { item: Item } type Item @key(fields: "id") { id: ID! name: String @shareable }',
        beta: 'type Item @key(fields: "id") { id: ID! name: String! @shareable }',
      }),
    );
    expect(composition.ok).toBe(true);
    expect(composition.hints).toEqual([
      {
        code: 'INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE',
        message: expect.stringContaining(
          'Type of field "Item.name" is inconsistent but compatible',
        ) as string,
        subgraphs: ['alpha', 'beta'],
      },
    ]);
  });

  it("attributes a Product.id @key error to the same subgraph in compose and in the check (issue 17's item 5)", async () => {
    const input = await workingTreeInput();
    const broken = editSubgraph(input.subgraphs, 'inventory', (sdl) =>
      sdl.replace('type Product @key(fields: "id")', 'type Product @key(fields: "productId")'),
    );
    const composed = composeSupergraph(broken);
    const checked = await runSchemaCheck({ ...input, subgraphs: broken, changed: ['inventory'] });
    const errors = composed.ok ? [] : composed.errors;
    expect(errors).toEqual([
      expect.objectContaining({ code: 'KEY_INVALID_FIELDS', subgraphs: ['inventory'] }),
    ]);
    expect(checked.composition.errors).toEqual(errors);
  });
});
