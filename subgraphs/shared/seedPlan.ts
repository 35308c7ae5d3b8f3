/**
 * The shape of the deterministic seed every subgraph fills its own tables from. Subgraphs never read each other's
 * data; they agree on ids because they derive them from the same plan, as real services agree on ids through events.
 */
export interface SeedPlan {
  /** Number of products. Default 10,000. */
  products: number;
  /** Number of customers. Default 1,000. */
  customers: number;
}

export const DEFAULT_SEED_PLAN: SeedPlan = { products: 10_000, customers: 1_000 };

/** Category tree: 8 departments, each with 4 categories, each with 4 leaves (168 categories). */
export const CATEGORY_TREE = { roots: 8, childrenPerNode: 4, depth: 3 } as const;

export const SEGMENTS = ['new', 'regular', 'vip'] as const;

/** How many variants product `productId` has: 1 to 4, the same in every subgraph. */
export function variantCount(productId: number): number {
  return 1 + (productId % 4);
}

/** The id of variant `index` (1-based) of product `productId`. */
export function variantId(productId: number, index: number): number {
  return productId * 10 + index;
}

/** The product a variant id belongs to. */
export function productOfVariant(variantIdValue: number): number {
  return Math.floor(variantIdValue / 10);
}

/**
 * SQL that yields `(product_id, variant_id, variant_index)` for every variant of the plan, for seeds written as
 * set-based SQL. Mirrors `variantCount` and `variantId`.
 */
export function variantRowsSql(plan: SeedPlan): string {
  return `
    SELECT p AS product_id, p * 10 + v AS variant_id, v AS variant_index
    FROM generate_series(1, ${plan.products}) AS p
    CROSS JOIN LATERAL generate_series(1, 1 + p % 4) AS v`;
}

/** The segment of customer `customerId`, for seeds of data tied to customers. */
export function segmentOf(customerId: number): (typeof SEGMENTS)[number] {
  return SEGMENTS[customerId % SEGMENTS.length] ?? 'regular';
}

/** Ids of the category tree, shared so that content can reference categories: departments first, then down. */
export const CATEGORY_IDS = {
  /** Department `d` (1-based). */
  department: (d: number) => d,
  /** Category `c` (1-based) of department `d`. */
  category: (d: number, c: number) => CATEGORY_TREE.roots + (d - 1) * CATEGORY_TREE.childrenPerNode + c,
  /** Leaf `l` (1-based) of category `c` of department `d`. */
  leaf: (d: number, c: number, l: number) =>
    CATEGORY_TREE.roots * (1 + CATEGORY_TREE.childrenPerNode) +
    ((d - 1) * CATEGORY_TREE.childrenPerNode + (c - 1)) * CATEGORY_TREE.childrenPerNode +
    l,
} as const;
