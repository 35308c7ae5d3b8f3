import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { plugin as persistedQueryManifest } from './scripts/lib/persistedQueryManifest.js';
import { parseSupergraphConfig } from './scripts/lib/readSupergraphConfig.js';
import { supergraphApiSchema } from './scripts/lib/supergraphApiSchema.js';

/**
 * `npm run codegen`: the code generated from the SDL, all of it committed and formatted with Prettier
 * (tests/codegen.test.ts fails when a committed file differs from what this produces):
 * - for each subgraph of supergraph.yaml, `subgraphs/<name>/__generated__/resolvers.ts`: the resolver types of its
 *   `schema.graphql` (Federation aware: `__resolveReference` receives the key fields), with the parents of `MAPPERS`
 *   and the context type `<Name>Context` exported by the subgraph's `loaders.ts`;
 * - `schema/__generated__/operations.ts`: the page operations of `schema/operations/` as typed documents (result and
 *   variables types), checked against the API schema of `schema/supergraph.graphql`;
 * - `schema/persisted-query-manifest.json`: the same operations in Apollo's persisted-query-manifest format, which
 *   the gateway's partner registry reads (`gateway/partners/PersistedDocuments.ts`).
 */

/**
 * What each subgraph's resolvers receive as the parent of a type, where it is not the type as the schema has it:
 * `module#Type`, the module relative to `subgraphs/<name>/__generated__/`. Rows come from `db.ts`; a parent that is
 * no row is declared beside the code that builds it.
 */
const MAPPERS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  catalog: {
    Product: '../db.js#ProductRow',
    ProductVariant: '../db.js#VariantRow',
    VariantOption: '../db.js#NameValueRow',
    Attribute: '../db.js#NameValueRow',
    Image: '../db.js#ImageRow',
    Category: '../db.js#CategoryRow',
    Brand: '../db.js#BrandRow',
  },
  inventory: {
    Product: '../resolvers/Product.js#InventoryProduct',
    ProductVariant: '../resolvers/ProductVariant.js#InventoryVariant',
    Warehouse: '../db.js#WarehouseRow',
  },
  pricing: {
    Product: '../resolvers/Product.js#PricedProduct',
    ProductVariant: '../resolvers/ProductVariant.js#PricedVariant',
    Promotion: '../db.js#PromotionRow',
  },
  customer: {
    Customer: '../db.js#CustomerRow',
    Address: '../db.js#AddressRow',
    Wishlist: '../resolvers/Wishlist.js#WishlistOwner',
    WishlistItem: '../db.js#WishlistItemRow',
  },
  content: {
    Page: '../db.js#PageRow',
    Block: '../db.js#BlockRow',
    HeroBlock: '../db.js#HeroBlockRow',
    RichTextBlock: '../db.js#RichTextBlockRow',
    ProductCarouselBlock: '../db.js#ProductCarouselBlockRow',
    CategoryTilesBlock: '../db.js#CategoryTilesBlockRow',
    Editorial: '../db.js#EditorialRow',
    Badge: '../db.js#BadgeRow',
    ReviewSummary: '../db.js#ReviewSummaryRow',
    Review: '../db.js#ReviewRow',
  },
};

/** Name of the plugin that writes the persisted-query manifest (`pluginLoader` below knows it). */
const PERSISTED_QUERY_MANIFEST = 'persisted-query-manifest';

const root = path.dirname(fileURLToPath(import.meta.url));

/** Options both outputs share: type-only imports (`verbatimModuleSyntax`) and enums as string unions. */
const typescriptConfig = { useTypeImports: true, enumsAsTypes: true } as const;

/** The subgraphs of supergraph.yaml (rover's format) with the folder of each one's schema file. */
function subgraphFolders(): { name: string; folder: string }[] {
  const configPath = path.join(root, 'supergraph.yaml');
  return parseSupergraphConfig(readFileSync(configPath, 'utf8'), configPath).subgraphs.flatMap(
    ({ name, schema }) =>
      schema.kind === 'file' ? [{ name, folder: path.relative(root, path.dirname(schema.file)) }] : [],
  );
}

/** The API schema clients see: the committed supergraph without its federation machinery. */
function apiSchemaSdl(): string {
  const supergraphSdl = readFileSync(path.join(root, 'schema', 'supergraph.graphql'), 'utf8');
  return printSchema(supergraphApiSchema(supergraphSdl));
}

/** The resolver types of one subgraph: the output file and how codegen writes it. */
function resolverTypes(name: string, folder: string): [string, CodegenConfig['generates'][string]] {
  const contextType = `${name[0]!.toUpperCase()}${name.slice(1)}Context`;
  return [
    `${folder}/__generated__/resolvers.ts`,
    {
      schema: `${folder}/schema.graphql`,
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        ...typescriptConfig,
        federation: true,
        contextType: `../loaders.js#${contextType}`,
        mappers: MAPPERS[name] ?? {},
        // A Query or Mutation field without a resolver is a type error; other fields may resolve from their
        // parent (the schema check's missing-resolver rule judges those).
        avoidOptionals: { query: true, mutation: true },
        // Rows keep integer ids; graphql-js serialises them as ID strings.
        scalars: { ID: { input: 'string', output: 'string | number' } },
      },
    },
  ];
}

const operations = { schema: apiSchemaSdl(), documents: 'schema/operations/*.graphql' };

const config: CodegenConfig = {
  cwd: root,
  overwrite: true,
  generates: {
    ...Object.fromEntries(subgraphFolders().map(({ name, folder }) => resolverTypes(name, folder))),
    'schema/__generated__/operations.ts': {
      ...operations,
      plugins: ['typescript-operations', 'typed-document-node'],
      config: { ...typescriptConfig, documentMode: 'string' },
    },
    'schema/persisted-query-manifest.json': { ...operations, plugins: [PERSISTED_QUERY_MANIFEST] },
  },
  pluginLoader: async (name) =>
    name === PERSISTED_QUERY_MANIFEST ? { plugin: persistedQueryManifest } : import(name),
  hooks: { afterAllFileWrite: ['prettier --write'] },
};

export default config;
