import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runSchemaCheck } from '../../registry/check/runSchemaCheck.js';
import { editSubgraph, workingTreeInput } from '../../registry/check/__tests__/support/workingTree.js';
import { readResolvedFields } from '../lib/readResolvedFields.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];

let resolved: Record<string, string[]>;
beforeAll(async () => {
  resolved = await readResolvedFields(
    root,
    SUBGRAPHS.map((name) => ({ name, folder: path.join(root, 'subgraphs', name) })),
  );
});

describe('readResolvedFields', () => {
  it("reads each subgraph's resolvers and the properties of the parents codegen declares", () => {
    expect(Object.keys(resolved)).toEqual(SUBGRAPHS);
    // A resolver of pricing's Product; a column of content's BadgeRow; a field of the generated Money type.
    expect(resolved['pricing']).toEqual(expect.arrayContaining(['Product.price', 'Money.amount']));
    expect(resolved['content']).toEqual(expect.arrayContaining(['Badge.code', 'Query.page']));
    expect(resolved['pricing']).not.toContain('Product.name');
  });

  it('leaves no field of any subgraph to the missing-resolver rule, until one is added to the SDL alone', async () => {
    const input = { ...(await workingTreeInput()), changed: SUBGRAPHS, resolvedFields: resolved };
    const clean = await runSchemaCheck(input);
    expect(clean.policy.filter((finding) => finding.rule === 'missing-resolver')).toEqual([]);

    const sdlOnly = await runSchemaCheck({
      ...input,
      subgraphs: editSubgraph(input.subgraphs, 'pricing', (sdl) =>
        sdl.replace('  priceRange: PriceRange\n', '  priceRange: PriceRange\n  taxNote: String\n'),
      ),
    });
    expect(sdlOnly.ok).toBe(false);
    expect(sdlOnly.policy).toEqual([
      expect.objectContaining({
        rule: 'missing-resolver',
        subgraph: 'pricing',
        coordinate: 'Product.taxNote',
      }),
    ]);
  });
});
