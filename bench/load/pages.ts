import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../subgraphs/shared/database/Database.js';
import { seededRandom, shuffled } from './seededRandom.js';
import { signToken, type TokenIssuer } from './signToken.js';

/** One client request of a page: the exact body, and the bearer token of a signed-in caller. */
export interface PageRequest {
  body: string;
  authorization?: string;
}

/** A page the storefront renders, with the rotation of requests the load draws from in order. */
export interface Page {
  name: string;
  requests: PageRequest[];
}

export interface PagesOptions {
  /** Requests per rotation for the pages with variables. */
  size: number;
  seed: number;
  /** Signs bearer tokens the gateways accept. */
  issuer: TokenIssuer;
}

const SORTS = ['FEATURED', 'NEWEST'];

/**
 * The four page workloads, from real slugs in the database: HomePage (one document, no variables), CategoryPage over
 * `size` category/sort pairs (every category with FEATURED first, then NEWEST: the seed has 168 categories),
 * ProductPage over `size` products, and ProductPage signed in over `size` other products, each with another customer.
 */
export async function loadPages(root: string, db: Database, options: PagesOptions): Promise<Page[]> {
  const random = seededRandom(options.seed);
  const query = (name: string) =>
    readFile(path.join(root, 'schema', 'operations', `${name}.graphql`), 'utf8');
  const body = (document: string, variables: Record<string, unknown>) =>
    JSON.stringify({ query: document, variables });

  const categories = (await db.query<{ slug: string }>('SELECT slug FROM catalog.category ORDER BY id')).map(
    (row) => row.slug,
  );
  const products = shuffled(
    (await db.query<{ slug: string }>('SELECT slug FROM catalog.product ORDER BY id')).map((row) => row.slug),
    random,
  );
  const customers = shuffled(
    await db.query<{ id: number; segment: string }>('SELECT id, segment FROM customer.customer ORDER BY id'),
    random,
  );
  if (products.length < options.size * 2 || customers.length < options.size) {
    throw new Error(
      `the bench database holds too few products or customers for rotations of ${options.size}`,
    );
  }

  const home = await query('HomePage');
  const category = await query('CategoryPage');
  const product = await query('ProductPage');
  const categoryVariables = SORTS.flatMap((sort) => categories.map((slug) => ({ slug, sort })));
  const signedIn = await Promise.all(
    customers.slice(0, options.size).map(async (customer, index) => ({
      body: body(product, { slug: products[options.size + index] }),
      authorization: `Bearer ${await signToken(customer.id, customer.segment, options.issuer)}`,
    })),
  );
  return [
    { name: 'HomePage', requests: [{ body: body(home, {}) }] },
    {
      name: 'CategoryPage',
      requests: shuffled(categoryVariables.slice(0, options.size), random).map((v) => ({
        body: body(category, v),
      })),
    },
    {
      name: 'ProductPage',
      requests: products.slice(0, options.size).map((slug) => ({ body: body(product, { slug }) })),
    },
    { name: 'ProductPage signed in', requests: signedIn },
  ];
}
