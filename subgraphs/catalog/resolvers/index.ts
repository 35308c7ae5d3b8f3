import type { Resolvers } from '../__generated__/resolvers.js';
import { Brand } from './Brand.js';
import { Category } from './Category.js';
import { Product } from './Product.js';
import { ProductVariant } from './ProductVariant.js';
import { Query } from './Query.js';

/** The catalog's resolver map; types not listed (connections, images, attributes) resolve from their objects. */
export const resolvers: Resolvers = { Query, Product, ProductVariant, Category, Brand };
