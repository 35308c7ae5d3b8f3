import type { MarketCode, Viewer } from '../../../contracts/requestContext.js';
import { expectAdminOnly } from '../../shared/testing/itRequiresAdmin.js';
import { resolveEntities } from '../../shared/testing/resolveEntities.js';
import { serveForTest } from '../../shared/testing/serveForTest.js';
import { admin } from '../../shared/testing/viewers.js';
import { pricing } from '../index.js';

const SET_PRICE = `mutation($input: SetPriceInput!) { setPrice(input: $input) {
  variantId market price { amount currency } compareAtPrice { amount currency } } }`;

const PRICES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Product { price { amount currency } compareAtPrice { amount } }
  ... on ProductVariant { price { amount currency } compareAtPrice { amount } } } }`;

const subgraph = serveForTest(pricing);

type Input = { variantId: string; market: MarketCode; amount: string; compareAtAmount?: string | null };
type Money = { amount: string; currency: string };

function setPrice(input: Input, viewer: Viewer | null) {
  return subgraph.request<{ setPrice: { price: Money; compareAtPrice: Money | null } }>(
    SET_PRICE,
    { input },
    { viewer },
  );
}

async function storedAmount(variantId: number, market: MarketCode): Promise<string | undefined> {
  const [row] = await subgraph.db.query<{ amount: string }>(
    `SELECT amount::text AS amount FROM pricing.price WHERE variant_id = $1 AND market = $2`,
    [variantId, market],
  );
  return row?.amount;
}

async function read(representation: object, market: MarketCode) {
  const [entity] = await resolveEntities<{ price: Money; compareAtPrice: { amount: string } | null }>(
    subgraph,
    PRICES,
    [representation],
    { market },
  );
  return entity;
}

describe('Mutation.setPrice', () => {
  it('rejects anonymous callers with UNAUTHENTICATED and non-admins with FORBIDDEN, changing nothing', async () => {
    const before = await storedAmount(21, 'US');
    const input: Input = { variantId: '21', market: 'US', amount: '1.00' };
    await expectAdminOnly(subgraph, SET_PRICE, { input });
    expect(await storedAmount(21, 'US')).toBe(before);
  });

  it('sets the price in the market’s currency, and the next read of the product sees it there only', async () => {
    const usBefore = await read({ __typename: 'Product', id: '3' }, 'US');
    const response = await setPrice(
      { variantId: '33', market: 'EU', amount: '2.5', compareAtAmount: '4' },
      admin,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.setPrice).toEqual({
      variantId: '33',
      market: 'EU',
      price: { amount: '2.50', currency: 'EUR' },
      compareAtPrice: { amount: '4.00', currency: 'EUR' },
    });
    // 2.50 is below every seeded price, so variant 33 is now product 3's cheapest in the EU.
    expect(await read({ __typename: 'Product', id: '3' }, 'EU')).toEqual({
      price: { amount: '2.50', currency: 'EUR' },
      compareAtPrice: { amount: '4.00' },
    });
    expect(await read({ __typename: 'Product', id: '3' }, 'US')).toEqual(usBefore);
  });

  it('clears the compare-at price when it is omitted', async () => {
    await setPrice({ variantId: '11', market: 'UK', amount: '30.00', compareAtAmount: '45.00' }, admin);
    const response = await setPrice({ variantId: '11', market: 'UK', amount: '29.99' }, admin);
    expect(response.data?.setPrice.compareAtPrice).toBeNull();
    expect(await read({ __typename: 'ProductVariant', id: '11' }, 'UK')).toEqual({
      price: { amount: '29.99', currency: 'GBP' },
      compareAtPrice: null,
    });
  });

  it.each([
    ['a malformed amount', { amount: '12,50' }, 'amount'],
    ['a zero amount', { amount: '0.00' }, 'amount'],
    ['a negative amount', { amount: '-1' }, 'amount'],
    ['three fraction digits', { amount: '1.999' }, 'amount'],
    ['ten integer digits', { amount: '1234567890' }, 'amount'],
    [
      'a compare-at amount equal to the amount',
      { amount: '10', compareAtAmount: '10.00' },
      'compareAtAmount',
    ],
    ['a compare-at amount below the amount', { amount: '10', compareAtAmount: '9.99' }, 'compareAtAmount'],
    ['a malformed compare-at amount', { amount: '10', compareAtAmount: 'ten' }, 'compareAtAmount'],
    ['an unknown variant', { variantId: '19' }, 'variantId'],
    ['a malformed variant id', { variantId: 'v-21' }, 'variantId'],
  ])('answers BAD_USER_INPUT naming the field for %s', async (_case, change, argumentName) => {
    const before = await storedAmount(21, 'US');
    const response = await setPrice({ variantId: '21', market: 'US', amount: '9.99', ...change }, admin);
    expect(response.data).toEqual({ setPrice: null });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
    expect(await storedAmount(21, 'US')).toBe(before);
  });
});
