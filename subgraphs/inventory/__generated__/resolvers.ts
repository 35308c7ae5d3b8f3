import type { GraphQLResolveInfo } from 'graphql';
import type { InventoryProduct } from '../resolvers/Product.js';
import type { InventoryVariant } from '../resolvers/ProductVariant.js';
import type { WarehouseRow } from '../db.js';
import type { InventoryContext } from '../loaders.js';
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

export type Availability = {
  __typename?: 'Availability';
  inStock: Scalars['Boolean']['output'];
  /** Units available to sell, over the warehouses below. */
  quantity: Scalars['Int']['output'];
  warehouses: Array<StockLevel>;
};

export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Adds `delta` (negative to remove; non-zero, at most 100000 either way) to a variant's stock in one
   * warehouse. Admins only. Stock never goes below zero: a delta that would take it there is rejected with
   * BAD_USER_INPUT.
   */
  adjustStock?: Maybe<StockLevel>;
};

export type MutationAdjustStockArgs = {
  delta: Scalars['Int']['input'];
  variantId: Scalars['ID']['input'];
  warehouseCode: Scalars['String']['input'];
};

export type Product = {
  __typename?: 'Product';
  /** Stock over all variants and warehouses. */
  availability?: Maybe<Availability>;
  id: Scalars['ID']['output'];
  /**
   * When an order placed now would arrive in the request's market; depends on the product's weight and where
   * stock is: 1-3 days from the market's own warehouse, 4-8 from another one, 10-20 (no warehouse) when nothing
   * is in stock; one day more on both bounds above 5 kg, two above 15 kg.
   */
  shippingEstimate?: Maybe<ShippingEstimate>;
  weightGrams: Scalars['Int']['output'];
};

export type ProductVariant = {
  __typename?: 'ProductVariant';
  availability?: Maybe<Availability>;
  id: Scalars['ID']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The warehouses stock is held in. */
  warehouses: Array<Warehouse>;
};

export type ShippingEstimate = {
  __typename?: 'ShippingEstimate';
  maxDays: Scalars['Int']['output'];
  minDays: Scalars['Int']['output'];
  /** The warehouse the order would ship from, or null when nothing is in stock. */
  warehouse?: Maybe<Warehouse>;
};

export type StockLevel = {
  __typename?: 'StockLevel';
  inStock: Scalars['Boolean']['output'];
  quantity: Scalars['Int']['output'];
  warehouse: Warehouse;
};

export type Warehouse = {
  __typename?: 'Warehouse';
  code: Scalars['String']['output'];
  /** ISO 3166-1 alpha-2 country code. */
  country: Scalars['String']['output'];
  name: Scalars['String']['output'];
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
  Product: Product;
  ProductVariant: ProductVariant;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Product: { __typename: 'Product' } & GraphQLRecursivePick<FederationTypes['Product'], { id: true }> &
    (Record<PropertyKey, never> | GraphQLRecursivePick<FederationTypes['Product'], { weightGrams: true }>);
  ProductVariant: { __typename: 'ProductVariant' } & GraphQLRecursivePick<
    FederationTypes['ProductVariant'],
    { id: true }
  >;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Availability: ResolverTypeWrapper<
    Omit<Availability, 'warehouses'> & { warehouses: Array<ResolversTypes['StockLevel']> }
  >;
  CacheControlScope: CacheControlScope;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Product: ResolverTypeWrapper<InventoryProduct>;
  ProductVariant: ResolverTypeWrapper<InventoryVariant>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ShippingEstimate: ResolverTypeWrapper<
    Omit<ShippingEstimate, 'warehouse'> & { warehouse?: Maybe<ResolversTypes['Warehouse']> }
  >;
  StockLevel: ResolverTypeWrapper<Omit<StockLevel, 'warehouse'> & { warehouse: ResolversTypes['Warehouse'] }>;
  Warehouse: ResolverTypeWrapper<WarehouseRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Availability: Omit<Availability, 'warehouses'> & { warehouses: Array<ResolversParentTypes['StockLevel']> };
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  String: Scalars['String']['output'];
  Product: InventoryProduct;
  ProductVariant: InventoryVariant;
  Query: Record<PropertyKey, never>;
  ShippingEstimate: Omit<ShippingEstimate, 'warehouse'> & {
    warehouse?: Maybe<ResolversParentTypes['Warehouse']>;
  };
  StockLevel: Omit<StockLevel, 'warehouse'> & { warehouse: ResolversParentTypes['Warehouse'] };
  Warehouse: WarehouseRow;
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
  ContextType = InventoryContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type AvailabilityResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['Availability'] = ResolversParentTypes['Availability'],
> = {
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warehouses?: Resolver<Array<ResolversTypes['StockLevel']>, ParentType, ContextType>;
};

export type MutationResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  adjustStock: Resolver<
    Maybe<ResolversTypes['StockLevel']>,
    ParentType,
    ContextType,
    RequireFields<MutationAdjustStockArgs, 'delta' | 'variantId' | 'warehouseCode'>
  >;
};

export type ProductResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Product']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  availability?: Resolver<Maybe<ResolversTypes['Availability']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  shippingEstimate?: Resolver<Maybe<ResolversTypes['ShippingEstimate']>, ParentType, ContextType>;
};

export type ProductVariantResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['ProductVariant'] = ResolversParentTypes['ProductVariant'],
  FederationReferenceType extends FederationReferenceTypes['ProductVariant'] =
    FederationReferenceTypes['ProductVariant'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['ProductVariant']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  availability?: Resolver<Maybe<ResolversTypes['Availability']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  warehouses: Resolver<Array<ResolversTypes['Warehouse']>, ParentType, ContextType>;
};

export type ShippingEstimateResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['ShippingEstimate'] = ResolversParentTypes['ShippingEstimate'],
> = {
  maxDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  minDays?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warehouse?: Resolver<Maybe<ResolversTypes['Warehouse']>, ParentType, ContextType>;
};

export type StockLevelResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['StockLevel'] = ResolversParentTypes['StockLevel'],
> = {
  inStock?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  quantity?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  warehouse?: Resolver<ResolversTypes['Warehouse'], ParentType, ContextType>;
};

export type WarehouseResolvers<
  ContextType = InventoryContext,
  ParentType extends ResolversParentTypes['Warehouse'] = ResolversParentTypes['Warehouse'],
> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = InventoryContext> = {
  Availability?: AvailabilityResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductVariant?: ProductVariantResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  ShippingEstimate?: ShippingEstimateResolvers<ContextType>;
  StockLevel?: StockLevelResolvers<ContextType>;
  Warehouse?: WarehouseResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = InventoryContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
