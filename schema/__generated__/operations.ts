/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type CurrencyCode = 'EUR' | 'GBP' | 'USD';

export type ProductSort =
  /** Merchandising order: most popular first. */
  | 'FEATURED'
  | 'NAME_ASC'
  | 'NAME_DESC'
  /** Most recently added first. */
  | 'NEWEST';

export type CategoryPageQueryVariables = Exact<{
  slug: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  sort?: ProductSort | null | undefined;
}>;

export type CategoryPageQuery = {
  category: {
    id: string;
    name: string;
    slug: string;
    ancestors: Array<{ name: string; slug: string }>;
    children: Array<{ id: string; name: string; slug: string }>;
    landingPage: {
      title: string;
      blocks: Array<
        | { __typename: 'CategoryTilesBlock'; id: string }
        | { __typename: 'HeroBlock'; title: string; imageUrl: string; id: string }
        | { __typename: 'ProductCarouselBlock'; id: string }
        | { __typename: 'RichTextBlock'; id: string }
      >;
    } | null;
    products: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{
        cursor: string;
        node: {
          id: string;
          name: string;
          slug: string;
          images: Array<{ url: string; alt: string }>;
          price: { amount: string; currency: CurrencyCode } | null;
          compareAtPrice: { amount: string; currency: CurrencyCode } | null;
          availability: { inStock: boolean; quantity: number } | null;
          badges: Array<{ code: string; label: string }> | null;
        };
      }>;
    };
  } | null;
};

export type HomePageQueryVariables = Exact<{
  carouselImageLimit?: number | null | undefined;
}>;

export type HomePageQuery = {
  page: {
    id: string;
    title: string;
    locale: string;
    blocks: Array<
      | {
          __typename: 'CategoryTilesBlock';
          title: string;
          id: string;
          categories: Array<{ id: string; name: string; slug: string }>;
        }
      | {
          __typename: 'HeroBlock';
          title: string;
          subtitle: string | null;
          imageUrl: string;
          ctaLabel: string | null;
          ctaUrl: string | null;
          id: string;
        }
      | {
          __typename: 'ProductCarouselBlock';
          title: string;
          id: string;
          products: Array<{
            id: string;
            name: string;
            slug: string;
            images: Array<{ url: string; alt: string }>;
            brand: { name: string };
            price: { amount: string; currency: CurrencyCode } | null;
            compareAtPrice: { amount: string; currency: CurrencyCode } | null;
            availability: { inStock: boolean } | null;
            badges: Array<{ code: string; label: string }> | null;
          }>;
        }
      | { __typename: 'RichTextBlock'; html: string; id: string }
    >;
  } | null;
  departments: Array<{ id: string; name: string; slug: string }>;
  me: { id: string; firstName: string; wishlist: { count: number } } | null;
};

export type ProductTileFragment = {
  id: string;
  name: string;
  slug: string;
  brand: { name: string };
  price: { amount: string; currency: CurrencyCode } | null;
  compareAtPrice: { amount: string; currency: CurrencyCode } | null;
  availability: { inStock: boolean } | null;
  badges: Array<{ code: string; label: string }> | null;
};

export type ProductPageQueryVariables = Exact<{
  slug: string;
  reviewCount?: number | null | undefined;
  relatedCount?: number | null | undefined;
}>;

export type ProductPageQuery = {
  product: {
    id: string;
    sku: string;
    name: string;
    slug: string;
    description: string;
    inWishlist: boolean | null;
    brand: { id: string; name: string; slug: string };
    categories: Array<{
      id: string;
      name: string;
      slug: string;
      ancestors: Array<{ name: string; slug: string }>;
    }>;
    images: Array<{ url: string; alt: string; width: number; height: number }>;
    attributes: Array<{ name: string; value: string }>;
    price: { amount: string; currency: CurrencyCode } | null;
    compareAtPrice: { amount: string; currency: CurrencyCode } | null;
    priceRange: {
      min: { amount: string; currency: CurrencyCode };
      max: { amount: string; currency: CurrencyCode };
    } | null;
    promotions: Array<{ id: string; title: string; percentOff: number; endsAt: string }> | null;
    availability: { inStock: boolean; quantity: number } | null;
    shippingEstimate: {
      minDays: number;
      maxDays: number;
      warehouse: { code: string; country: string } | null;
    } | null;
    variants: Array<{
      id: string;
      sku: string;
      name: string;
      options: Array<{ name: string; value: string }>;
      price: { amount: string; currency: CurrencyCode } | null;
      compareAtPrice: { amount: string; currency: CurrencyCode } | null;
      availability: {
        inStock: boolean;
        quantity: number;
        warehouses: Array<{ quantity: number; warehouse: { code: string } }>;
      } | null;
    }>;
    editorial: { headline: string; body: string } | null;
    badges: Array<{ code: string; label: string }> | null;
    reviewSummary: { averageRating: number | null; count: number } | null;
    reviews: Array<{
      id: string;
      rating: number;
      title: string;
      body: string;
      authorName: string;
      createdAt: string;
    }> | null;
    related: Array<{
      id: string;
      name: string;
      slug: string;
      images: Array<{ url: string; alt: string }>;
      price: { amount: string; currency: CurrencyCode } | null;
      availability: { inStock: boolean } | null;
    }>;
  } | null;
};

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const ProductTileFragmentDoc = new TypedDocumentString(
  `
    fragment ProductTile on Product {
  id
  name
  slug
  brand {
    name
  }
  price {
    amount
    currency
  }
  compareAtPrice {
    amount
    currency
  }
  availability {
    inStock
  }
  badges {
    code
    label
  }
}
    `,
  { fragmentName: 'ProductTile' },
) as unknown as TypedDocumentString<ProductTileFragment, unknown>;
export const CategoryPageDocument = new TypedDocumentString(`
    query CategoryPage($slug: String!, $first: Int = 24, $after: String, $sort: ProductSort = FEATURED) {
  category(slug: $slug) {
    id
    name
    slug
    ancestors {
      name
      slug
    }
    children {
      id
      name
      slug
    }
    landingPage {
      title
      blocks {
        __typename
        id
        ... on HeroBlock {
          title
          imageUrl
        }
      }
    }
    products(first: $first, after: $after, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          slug
          images(limit: 1) {
            url
            alt
          }
          price {
            amount
            currency
          }
          compareAtPrice {
            amount
            currency
          }
          availability {
            inStock
            quantity
          }
          badges {
            code
            label
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CategoryPageQuery, CategoryPageQueryVariables>;
export const HomePageDocument = new TypedDocumentString(`
    query HomePage($carouselImageLimit: Int = 1) {
  page(slug: "home") {
    id
    title
    locale
    blocks {
      __typename
      id
      ... on HeroBlock {
        title
        subtitle
        imageUrl
        ctaLabel
        ctaUrl
      }
      ... on RichTextBlock {
        html
      }
      ... on ProductCarouselBlock {
        title
        products {
          ...ProductTile
          images(limit: $carouselImageLimit) {
            url
            alt
          }
        }
      }
      ... on CategoryTilesBlock {
        title
        categories {
          id
          name
          slug
        }
      }
    }
  }
  departments {
    id
    name
    slug
  }
  me {
    id
    firstName
    wishlist {
      count
    }
  }
}
    fragment ProductTile on Product {
  id
  name
  slug
  brand {
    name
  }
  price {
    amount
    currency
  }
  compareAtPrice {
    amount
    currency
  }
  availability {
    inStock
  }
  badges {
    code
    label
  }
}`) as unknown as TypedDocumentString<HomePageQuery, HomePageQueryVariables>;
export const ProductPageDocument = new TypedDocumentString(`
    query ProductPage($slug: String!, $reviewCount: Int = 5, $relatedCount: Int = 8) {
  product(slug: $slug) {
    id
    sku
    name
    slug
    description
    brand {
      id
      name
      slug
    }
    categories {
      id
      name
      slug
      ancestors {
        name
        slug
      }
    }
    images {
      url
      alt
      width
      height
    }
    attributes {
      name
      value
    }
    price {
      amount
      currency
    }
    compareAtPrice {
      amount
      currency
    }
    priceRange {
      min {
        amount
        currency
      }
      max {
        amount
        currency
      }
    }
    promotions {
      id
      title
      percentOff
      endsAt
    }
    availability {
      inStock
      quantity
    }
    shippingEstimate {
      minDays
      maxDays
      warehouse {
        code
        country
      }
    }
    variants {
      id
      sku
      name
      options {
        name
        value
      }
      price {
        amount
        currency
      }
      compareAtPrice {
        amount
        currency
      }
      availability {
        inStock
        quantity
        warehouses {
          quantity
          warehouse {
            code
          }
        }
      }
    }
    editorial {
      headline
      body
    }
    badges {
      code
      label
    }
    reviewSummary {
      averageRating
      count
    }
    reviews(first: $reviewCount) {
      id
      rating
      title
      body
      authorName
      createdAt
    }
    related(limit: $relatedCount) {
      id
      name
      slug
      images(limit: 1) {
        url
        alt
      }
      price {
        amount
        currency
      }
      availability {
        inStock
      }
    }
    inWishlist
  }
}
    `) as unknown as TypedDocumentString<ProductPageQuery, ProductPageQueryVariables>;
