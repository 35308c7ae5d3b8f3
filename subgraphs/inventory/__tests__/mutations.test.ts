import type { Viewer } from '../../../contracts/requestContext.js';
import { expectAdminOnly } from '../../shared/testing/itRequiresAdmin.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { admin } from '../../shared/testing/viewers.js';
import { inventory } from '../index.js';

const ADJUST = `mutation($variantId: ID!, $warehouseCode: String!, $delta: Int!) {
  adjustStock(variantId: $variantId, warehouseCode: $warehouseCode, delta: $delta) {
    quantity inStock warehouse { code country } } }`;

const AVAILABILITY = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on ProductVariant { availability { quantity warehouses { quantity warehouse { code } } } } } }`;

const subgraph = serveForTest(inventory);

type StockLevel = { quantity: number; inStock: boolean; warehouse: { code: string; country: string } };

function adjust(
  variables: { variantId: string; warehouseCode: string; delta: number },
  viewer: Viewer | null,
) {
  return subgraph.request<{ adjustStock: StockLevel }>(ADJUST, variables, { viewer });
}

async function seededQuantity(variantId: number, warehouseCode: string): Promise<number> {
  const [row] = await subgraph.db.query<{ quantity: number }>(
    `SELECT quantity FROM inventory.stock WHERE variant_id = $1 AND warehouse_code = $2`,
    [variantId, warehouseCode],
  );
  if (!row) throw new Error(`no stock row for ${variantId} in ${warehouseCode}`);
  return row.quantity;
}

describe('Mutation.adjustStock', () => {
  it('rejects anonymous callers with UNAUTHENTICATED and non-admins with FORBIDDEN, changing nothing', async () => {
    const before = await seededQuantity(31, 'US-EAST');
    await expectAdminOnly(subgraph, ADJUST, { variantId: '31', warehouseCode: 'US-EAST', delta: 5 });
    expect(await seededQuantity(31, 'US-EAST')).toBe(before);
  });

  it('adds the delta for an admin, and the next read sees the new quantity', async () => {
    const before = await seededQuantity(32, 'EU-CENTRAL');
    const response = await adjust({ variantId: '32', warehouseCode: 'EU-CENTRAL', delta: 25 }, admin);
    expect(response.errors).toBeUndefined();
    expect(response.data?.adjustStock).toEqual({
      quantity: before + 25,
      inStock: true,
      warehouse: { code: 'EU-CENTRAL', country: 'DE' },
    });
    const [read] = await resolveEntities<{ availability: { warehouses: unknown[] } }>(
      subgraph,
      AVAILABILITY,
      [{ __typename: 'ProductVariant', id: '32' }],
    );
    expect(read?.availability.warehouses).toContainEqual({
      quantity: before + 25,
      warehouse: { code: 'EU-CENTRAL' },
    });
  });

  it('takes stock down to exactly zero and reports it out of stock', async () => {
    const before = await seededQuantity(33, 'UK-SOUTH');
    expect(before).toBeGreaterThan(0);
    const response = await adjust({ variantId: '33', warehouseCode: 'UK-SOUTH', delta: -before }, admin);
    expect(response.data?.adjustStock).toMatchObject({ quantity: 0, inStock: false });
  });

  it.each([
    ['an unknown variant', { variantId: '19', warehouseCode: 'US-EAST', delta: 1 }, 'variantId'],
    ['a malformed variant id', { variantId: 'x1', warehouseCode: 'US-EAST', delta: 1 }, 'variantId'],
    ['an unknown warehouse', { variantId: '31', warehouseCode: 'MOON-1', delta: 1 }, 'warehouseCode'],
    ['a zero delta', { variantId: '31', warehouseCode: 'US-EAST', delta: 0 }, 'delta'],
    ['a delta above 100000', { variantId: '31', warehouseCode: 'US-EAST', delta: 100_001 }, 'delta'],
    ['a delta below -100000', { variantId: '31', warehouseCode: 'US-EAST', delta: -100_001 }, 'delta'],
    [
      'a delta taking stock below zero',
      { variantId: '31', warehouseCode: 'US-EAST', delta: -100_000 },
      'delta',
    ],
  ])('answers BAD_USER_INPUT naming the argument for %s', async (_case, variables, argumentName) => {
    const before = await seededQuantity(31, 'US-EAST');
    const response = await adjust(variables, admin);
    expect(response.data).toEqual({ adjustStock: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(await seededQuantity(31, 'US-EAST')).toBe(before);
  });
});
