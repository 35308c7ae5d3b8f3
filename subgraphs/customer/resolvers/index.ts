import type { Resolvers } from '../__generated__/resolvers.js';
import { Customer } from './Customer.js';
import { Mutation } from './Mutation.js';
import { Product } from './Product.js';
import { Query } from './Query.js';
import { Wishlist } from './Wishlist.js';
import { WishlistItem } from './WishlistItem.js';

/** The customer subgraph's resolver map; types not listed here use default resolvers. */
export const resolvers: Resolvers = { Query, Mutation, Customer, Wishlist, WishlistItem, Product };
