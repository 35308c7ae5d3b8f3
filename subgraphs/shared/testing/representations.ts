import { variantId } from '../seedPlan.js';

/** Representations of products 1 to `count`, then of the first variant of each, as the gateway sends them. */
export function productsAndFirstVariants(count: number): { __typename: string; id: string }[] {
  const ids = Array.from({ length: count }, (_, i) => i + 1);
  return [
    ...ids.map((id) => ({ __typename: 'Product', id: String(id) })),
    ...ids.map((id) => ({ __typename: 'ProductVariant', id: String(variantId(id, 1)) })),
  ];
}
