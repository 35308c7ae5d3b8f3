import type { GraphQLResolveInfo } from 'graphql';
import type { ProductRow, VariantRow, NameValueRow, ImageRow, CategoryRow, BrandRow } from '../db.js';
import type { CatalogContext } from '../loaders.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string | number };
  String: { input: string; output: string };
  Boolean: { input: boolean; output: boolean };
  Int: { input: number; output: number };
  Float: { input: number; output: number };
  _FieldSet: { input: unknown; output: unknown };
};

export type Attribute = {
  __typename?: 'Attribute';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type Brand = {
  __typename?: 'Brand';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

/** A node of the category tree. */
export type Category = {
  __typename?: 'Category';
  /** From the department down to the parent of this category, for breadcrumbs. */
  ancestors: Array<Category>;
  children: Array<Category>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parent?: Maybe<Category>;
  /** Products in this category or below it. */
  products: ProductConnection;
  slug: Scalars['String']['output'];
};

/** A node of the category tree. */
export type CategoryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CategoryProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};

export type CategoryProductFilter = {
  brandId?: InputMaybe<Scalars['ID']['input']>;
  text?: InputMaybe<Scalars['String']['input']>;
};

export type Image = {
  __typename?: 'Image';
  alt: Scalars['String']['output'];
  height: Scalars['Int']['output'];
  url: Scalars['String']['output'];
  width: Scalars['Int']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Something the shop sells. Owned by the catalog; other subgraphs add price, stock, content and wishlist state. */
export type Product = {
  __typename?: 'Product';
  attributes: Array<Attribute>;
  brand: Brand;
  /** The categories the product is listed in (leaves of the tree). */
  categories: Array<Category>;
  /** When the product was added to the catalog (ISO 8601). */
  createdAt: Scalars['String']['output'];
  description: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  /** Images in display order; `limit` keeps the first ones. */
  images: Array<Image>;
  name: Scalars['String']['output'];
  /** Other popular products from the same category. */
  related: Array<Product>;
  /** Stock-keeping unit, unique across the catalog. */
  sku: Scalars['String']['output'];
  /** URL-safe name, unique across the catalog. */
  slug: Scalars['String']['output'];
  variants: Array<ProductVariant>;
  /** Shipping weight in grams. */
  weightGrams: Scalars['Int']['output'];
};

/** Something the shop sells. Owned by the catalog; other subgraphs add price, stock, content and wishlist state. */
export type ProductImagesArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** Something the shop sells. Owned by the catalog; other subgraphs add price, stock, content and wishlist state. */
export type ProductRelatedArgs = {
  limit?: InputMaybe<Scalars['Int']['input']>;
};

/** A page of products (Relay cursor connection). */
export type ProductConnection = {
  __typename?: 'ProductConnection';
  edges: Array<ProductEdge>;
  nodes: Array<Product>;
  pageInfo: PageInfo;
  /** How many products match, over all pages. */
  totalCount: Scalars['Int']['output'];
};

export type ProductEdge = {
  __typename?: 'ProductEdge';
  cursor: Scalars['String']['output'];
  node: Product;
};

/** Narrows a product listing. All given conditions must hold. */
export type ProductFilter = {
  /** Products of this brand. */
  brandId?: InputMaybe<Scalars['ID']['input']>;
  /** Products in this category or any category below it. */
  categoryId?: InputMaybe<Scalars['ID']['input']>;
  /** Words that must all appear in the product's name, description or brand (2 to 100 characters). */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type ProductSort =
  /** Merchandising order: most popular first. */
  | 'FEATURED'
  | 'NAME_ASC'
  | 'NAME_DESC'
  /** Most recently added first. */
  | 'NEWEST';

/** One buyable version of a product (a size, a colour). */
export type ProductVariant = {
  __typename?: 'ProductVariant';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  options: Array<VariantOption>;
  product: Product;
  sku: Scalars['String']['output'];
  weightGrams: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** A brand by its slug. Unknown slugs answer `null`. */
  brand?: Maybe<Brand>;
  /** A category by its slug. Unknown slugs answer `null`. */
  category?: Maybe<Category>;
  /** The top of the category tree (departments), in display order. */
  departments: Array<Category>;
  /** A product by id or by slug; give exactly one. Unknown ids and slugs answer `null`. */
  product?: Maybe<Product>;
  /** Products matching `filter`, in `sort` order, a page at a time. `first` is at most 100. */
  products: ProductConnection;
};

export type QueryBrandArgs = {
  slug: Scalars['String']['input'];
};

export type QueryCategoryArgs = {
  slug: Scalars['String']['input'];
};

export type QueryProductArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};

export type QueryProductsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ProductFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  sort?: InputMaybe<ProductSort>;
};

export type VariantOption = {
  __typename?: 'VariantOption';
  name: Scalars['String']['output'];
  value: Scalars['String']['output'];
};

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
  reference: TReference,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<
  TResult,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<
  TResult,
  TKey extends string,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<
  TTypes,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
> = (parent: TParent, context: TContext, info: GraphQLResolveInfo) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  obj: T,
  context: TContext,
  info: GraphQLResolveInfo,
) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<
  TResult = Record<PropertyKey, never>,
  TParent = Record<PropertyKey, never>,
  TContext = Record<PropertyKey, never>,
  TArgs = Record<PropertyKey, never>,
> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo,
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Brand: Brand;
  Category: Category;
  Product: Product;
  ProductVariant: ProductVariant;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Brand: { __typename: 'Brand' } & GraphQLRecursivePick<FederationTypes['Brand'], { id: true }>;
  Category: { __typename: 'Category' } & GraphQLRecursivePick<FederationTypes['Category'], { id: true }>;
  Product: { __typename: 'Product' } & (
    | GraphQLRecursivePick<FederationTypes['Product'], { id: true }>
    | GraphQLRecursivePick<FederationTypes['Product'], { sku: true }>
  );
  ProductVariant: { __typename: 'ProductVariant' } & GraphQLRecursivePick<
    FederationTypes['ProductVariant'],
    { id: true }
  >;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Attribute: ResolverTypeWrapper<NameValueRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Brand: ResolverTypeWrapper<BrandRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  Category: ResolverTypeWrapper<CategoryRow>;
  CategoryProductFilter: CategoryProductFilter;
  Image: ResolverTypeWrapper<ImageRow>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Product: ResolverTypeWrapper<ProductRow>;
  ProductConnection: ResolverTypeWrapper<
    Omit<ProductConnection, 'edges' | 'nodes'> & {
      edges: Array<ResolversTypes['ProductEdge']>;
      nodes: Array<ResolversTypes['Product']>;
    }
  >;
  ProductEdge: ResolverTypeWrapper<Omit<ProductEdge, 'node'> & { node: ResolversTypes['Product'] }>;
  ProductFilter: ProductFilter;
  ProductSort: ProductSort;
  ProductVariant: ResolverTypeWrapper<VariantRow>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  VariantOption: ResolverTypeWrapper<NameValueRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Attribute: NameValueRow;
  String: Scalars['String']['output'];
  Brand: BrandRow;
  ID: Scalars['ID']['output'];
  Category: CategoryRow;
  CategoryProductFilter: CategoryProductFilter;
  Image: ImageRow;
  PageInfo: PageInfo;
  Product: ProductRow;
  ProductConnection: Omit<ProductConnection, 'edges' | 'nodes'> & {
    edges: Array<ResolversParentTypes['ProductEdge']>;
    nodes: Array<ResolversParentTypes['Product']>;
  };
  ProductEdge: Omit<ProductEdge, 'node'> & { node: ResolversParentTypes['Product'] };
  ProductFilter: ProductFilter;
  ProductVariant: VariantRow;
  Query: Record<PropertyKey, never>;
  VariantOption: NameValueRow;
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
};

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<
  Result,
  Parent,
  ContextType = CatalogContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AttributeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Attribute'] = ResolversParentTypes['Attribute'],
> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BrandResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Brand'] = ResolversParentTypes['Brand'],
  FederationReferenceType extends FederationReferenceTypes['Brand'] = FederationReferenceTypes['Brand'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Brand']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type CategoryResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'],
  FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Category']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  ancestors?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  products?: Resolver<
    ResolversTypes['ProductConnection'],
    ParentType,
    ContextType,
    RequireFields<CategoryProductsArgs, 'first' | 'sort'>
  >;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ImageResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Image'] = ResolversParentTypes['Image'],
> = {
  alt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageInfoResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo'],
> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type ProductResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Product']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  attributes?: Resolver<Array<ResolversTypes['Attribute']>, ParentType, ContextType>;
  brand?: Resolver<ResolversTypes['Brand'], ParentType, ContextType>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['Image']>, ParentType, ContextType, Partial<ProductImagesArgs>>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  related?: Resolver<
    Array<ResolversTypes['Product']>,
    ParentType,
    ContextType,
    RequireFields<ProductRelatedArgs, 'limit'>
  >;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variants?: Resolver<Array<ResolversTypes['ProductVariant']>, ParentType, ContextType>;
  weightGrams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductConnectionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ProductConnection'] = ResolversParentTypes['ProductConnection'],
> = {
  edges?: Resolver<Array<ResolversTypes['ProductEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ProductEdgeResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ProductEdge'] = ResolversParentTypes['ProductEdge'],
> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
};

export type ProductVariantResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['ProductVariant'] = ResolversParentTypes['ProductVariant'],
  FederationReferenceType extends FederationReferenceTypes['ProductVariant'] =
    FederationReferenceTypes['ProductVariant'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['ProductVariant']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  options?: Resolver<Array<ResolversTypes['VariantOption']>, ParentType, ContextType>;
  product?: Resolver<ResolversTypes['Product'], ParentType, ContextType>;
  sku?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  weightGrams?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  brand: Resolver<
    Maybe<ResolversTypes['Brand']>,
    ParentType,
    ContextType,
    RequireFields<QueryBrandArgs, 'slug'>
  >;
  category: Resolver<
    Maybe<ResolversTypes['Category']>,
    ParentType,
    ContextType,
    RequireFields<QueryCategoryArgs, 'slug'>
  >;
  departments: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  product: Resolver<Maybe<ResolversTypes['Product']>, ParentType, ContextType, Partial<QueryProductArgs>>;
  products: Resolver<
    ResolversTypes['ProductConnection'],
    ParentType,
    ContextType,
    RequireFields<QueryProductsArgs, 'first' | 'sort'>
  >;
};

export type VariantOptionResolvers<
  ContextType = CatalogContext,
  ParentType extends ResolversParentTypes['VariantOption'] = ResolversParentTypes['VariantOption'],
> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = CatalogContext> = {
  Attribute?: AttributeResolvers<ContextType>;
  Brand?: BrandResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  Image?: ImageResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductConnection?: ProductConnectionResolvers<ContextType>;
  ProductEdge?: ProductEdgeResolvers<ContextType>;
  ProductVariant?: ProductVariantResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  VariantOption?: VariantOptionResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = CatalogContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
