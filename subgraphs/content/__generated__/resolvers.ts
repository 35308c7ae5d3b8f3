import type { GraphQLResolveInfo } from 'graphql';
import type {
  PageRow,
  BlockRow,
  HeroBlockRow,
  RichTextBlockRow,
  ProductCarouselBlockRow,
  CategoryTilesBlockRow,
  EditorialRow,
  BadgeRow,
  ReviewSummaryRow,
  ReviewRow,
} from '../db.js';
import type { ContentContext } from '../loaders.js';
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

export type Badge = {
  __typename?: 'Badge';
  /** Stable code for styling: NEW, BESTSELLER, ECO, LIMITED. */
  code: Scalars['String']['output'];
  /** Text in the request's locale. */
  label: Scalars['String']['output'];
};

/** One section of a page. */
export type Block = {
  id: Scalars['ID']['output'];
};

export type CacheControlScope = 'PRIVATE' | 'PUBLIC';

export type Category = {
  __typename?: 'Category';
  id: Scalars['ID']['output'];
  /** The CMS landing page for this category in the request's locale, when one exists. */
  landingPage?: Maybe<Page>;
};

export type CategoryTilesBlock = Block & {
  __typename?: 'CategoryTilesBlock';
  categories: Array<Category>;
  id: Scalars['ID']['output'];
  title: Scalars['String']['output'];
};

export type Editorial = {
  __typename?: 'Editorial';
  body: Scalars['String']['output'];
  headline: Scalars['String']['output'];
  locale: Scalars['String']['output'];
  productId: Scalars['ID']['output'];
};

export type HeroBlock = Block & {
  __typename?: 'HeroBlock';
  ctaLabel?: Maybe<Scalars['String']['output']>;
  ctaUrl?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  imageUrl: Scalars['String']['output'];
  subtitle?: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Publishes new localized editorial copy for a product. Admins only. */
  publishEditorial?: Maybe<Editorial>;
};

export type MutationPublishEditorialArgs = {
  input: PublishEditorialInput;
};

export type Page = {
  __typename?: 'Page';
  blocks: Array<Block>;
  id: Scalars['ID']['output'];
  locale: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type Product = {
  __typename?: 'Product';
  badges?: Maybe<Array<Badge>>;
  /** Editorial copy in the request's locale (falling back to en-US); null when none is written. */
  editorial?: Maybe<Editorial>;
  id: Scalars['ID']['output'];
  reviewSummary?: Maybe<ReviewSummary>;
  /** Newest reviews first; `first` is at most 50. */
  reviews?: Maybe<Array<Review>>;
};

export type ProductReviewsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type ProductCarouselBlock = Block & {
  __typename?: 'ProductCarouselBlock';
  id: Scalars['ID']['output'];
  products: Array<Product>;
  title: Scalars['String']['output'];
};

export type PublishEditorialInput = {
  body: Scalars['String']['input'];
  headline: Scalars['String']['input'];
  locale: Scalars['String']['input'];
  productId: Scalars['ID']['input'];
};

export type Query = {
  __typename?: 'Query';
  /**
   * A CMS page by slug in the request's locale (falling back to en-US). Blocks may be personalised by the signed-in
   * customer's segment. Unknown slugs answer `null`.
   */
  page?: Maybe<Page>;
};

export type QueryPageArgs = {
  slug: Scalars['String']['input'];
};

export type Review = {
  __typename?: 'Review';
  authorName: Scalars['String']['output'];
  body: Scalars['String']['output'];
  createdAt: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  rating: Scalars['Int']['output'];
  title: Scalars['String']['output'];
};

export type ReviewSummary = {
  __typename?: 'ReviewSummary';
  /** Mean rating, 1 to 5, to one decimal; null when there are no reviews. */
  averageRating?: Maybe<Scalars['Float']['output']>;
  count: Scalars['Int']['output'];
};

export type RichTextBlock = Block & {
  __typename?: 'RichTextBlock';
  /** Sanitised HTML. */
  html: Scalars['String']['output'];
  id: Scalars['ID']['output'];
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
  Category: Category;
  Page: Page;
  Product: Product;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Category: { __typename: 'Category' } & GraphQLRecursivePick<FederationTypes['Category'], { id: true }>;
  Page: { __typename: 'Page' } & GraphQLRecursivePick<FederationTypes['Page'], { id: true }>;
  Product: { __typename: 'Product' } & GraphQLRecursivePick<FederationTypes['Product'], { id: true }>;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Badge: ResolverTypeWrapper<BadgeRow>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Block: ResolverTypeWrapper<BlockRow>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  CacheControlScope: CacheControlScope;
  Category: ResolverTypeWrapper<
    Omit<Category, 'landingPage'> & { landingPage?: Maybe<ResolversTypes['Page']> }
  >;
  CategoryTilesBlock: ResolverTypeWrapper<CategoryTilesBlockRow>;
  Editorial: ResolverTypeWrapper<EditorialRow>;
  HeroBlock: ResolverTypeWrapper<HeroBlockRow>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Page: ResolverTypeWrapper<PageRow>;
  Product: ResolverTypeWrapper<
    Omit<Product, 'badges' | 'editorial' | 'reviewSummary' | 'reviews'> & {
      badges?: Maybe<Array<ResolversTypes['Badge']>>;
      editorial?: Maybe<ResolversTypes['Editorial']>;
      reviewSummary?: Maybe<ResolversTypes['ReviewSummary']>;
      reviews?: Maybe<Array<ResolversTypes['Review']>>;
    }
  >;
  ProductCarouselBlock: ResolverTypeWrapper<ProductCarouselBlockRow>;
  PublishEditorialInput: PublishEditorialInput;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Review: ResolverTypeWrapper<ReviewRow>;
  ReviewSummary: ResolverTypeWrapper<ReviewSummaryRow>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  RichTextBlock: ResolverTypeWrapper<RichTextBlockRow>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Badge: BadgeRow;
  String: Scalars['String']['output'];
  Block: BlockRow;
  ID: Scalars['ID']['output'];
  Category:
    | (Omit<Category, 'landingPage'> & { landingPage?: Maybe<ResolversParentTypes['Page']> })
    | FederationReferenceTypes['Category'];
  CategoryTilesBlock: CategoryTilesBlockRow;
  Editorial: EditorialRow;
  HeroBlock: HeroBlockRow;
  Mutation: Record<PropertyKey, never>;
  Page: PageRow;
  Product:
    | (Omit<Product, 'badges' | 'editorial' | 'reviewSummary' | 'reviews'> & {
        badges?: Maybe<Array<ResolversParentTypes['Badge']>>;
        editorial?: Maybe<ResolversParentTypes['Editorial']>;
        reviewSummary?: Maybe<ResolversParentTypes['ReviewSummary']>;
        reviews?: Maybe<Array<ResolversParentTypes['Review']>>;
      })
    | FederationReferenceTypes['Product'];
  ProductCarouselBlock: ProductCarouselBlockRow;
  PublishEditorialInput: PublishEditorialInput;
  Query: Record<PropertyKey, never>;
  Review: ReviewRow;
  ReviewSummary: ReviewSummaryRow;
  Float: Scalars['Float']['output'];
  RichTextBlock: RichTextBlockRow;
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
  ContextType = ContentContext,
  Args = CacheControlDirectiveArgs,
> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type BadgeResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Badge'] = ResolversParentTypes['Badge'],
> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type BlockResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Block'] = ResolversParentTypes['Block'],
> = {
  __resolveType: TypeResolveFn<
    'CategoryTilesBlock' | 'HeroBlock' | 'ProductCarouselBlock' | 'RichTextBlock',
    ParentType,
    ContextType
  >;
};

export type CategoryResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category'],
  FederationReferenceType extends FederationReferenceTypes['Category'] = FederationReferenceTypes['Category'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Category']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  landingPage?: Resolver<Maybe<ResolversTypes['Page']>, ParentType, ContextType>;
};

export type CategoryTilesBlockResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['CategoryTilesBlock'] = ResolversParentTypes['CategoryTilesBlock'],
> = {
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EditorialResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Editorial'] = ResolversParentTypes['Editorial'],
> = {
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  headline?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  productId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type HeroBlockResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['HeroBlock'] = ResolversParentTypes['HeroBlock'],
> = {
  ctaLabel?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ctaUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  imageUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subtitle?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation'],
> = {
  publishEditorial: Resolver<
    Maybe<ResolversTypes['Editorial']>,
    ParentType,
    ContextType,
    RequireFields<MutationPublishEditorialArgs, 'input'>
  >;
};

export type PageResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Page'] = ResolversParentTypes['Page'],
  FederationReferenceType extends FederationReferenceTypes['Page'] = FederationReferenceTypes['Page'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Page']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  blocks?: Resolver<Array<ResolversTypes['Block']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  locale?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ProductResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Product'] = ResolversParentTypes['Product'],
  FederationReferenceType extends FederationReferenceTypes['Product'] = FederationReferenceTypes['Product'],
> = {
  __resolveReference?: ReferenceResolver<
    Maybe<ResolversTypes['Product']> | FederationReferenceType,
    FederationReferenceType,
    ContextType
  >;
  badges?: Resolver<Maybe<Array<ResolversTypes['Badge']>>, ParentType, ContextType>;
  editorial?: Resolver<Maybe<ResolversTypes['Editorial']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reviewSummary?: Resolver<Maybe<ResolversTypes['ReviewSummary']>, ParentType, ContextType>;
  reviews?: Resolver<
    Maybe<Array<ResolversTypes['Review']>>,
    ParentType,
    ContextType,
    RequireFields<ProductReviewsArgs, 'first'>
  >;
};

export type ProductCarouselBlockResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['ProductCarouselBlock'] =
    ResolversParentTypes['ProductCarouselBlock'],
> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  products?: Resolver<Array<ResolversTypes['Product']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type QueryResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query'],
> = {
  page: Resolver<
    Maybe<ResolversTypes['Page']>,
    ParentType,
    ContextType,
    RequireFields<QueryPageArgs, 'slug'>
  >;
};

export type ReviewResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['Review'] = ResolversParentTypes['Review'],
> = {
  authorName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  rating?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ReviewSummaryResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['ReviewSummary'] = ResolversParentTypes['ReviewSummary'],
> = {
  averageRating?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RichTextBlockResolvers<
  ContextType = ContentContext,
  ParentType extends ResolversParentTypes['RichTextBlock'] = ResolversParentTypes['RichTextBlock'],
> = {
  html?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type Resolvers<ContextType = ContentContext> = {
  Badge?: BadgeResolvers<ContextType>;
  Block?: BlockResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  CategoryTilesBlock?: CategoryTilesBlockResolvers<ContextType>;
  Editorial?: EditorialResolvers<ContextType>;
  HeroBlock?: HeroBlockResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Page?: PageResolvers<ContextType>;
  Product?: ProductResolvers<ContextType>;
  ProductCarouselBlock?: ProductCarouselBlockResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Review?: ReviewResolvers<ContextType>;
  ReviewSummary?: ReviewSummaryResolvers<ContextType>;
  RichTextBlock?: RichTextBlockResolvers<ContextType>;
};

export type DirectiveResolvers<ContextType = ContentContext> = {
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
};
