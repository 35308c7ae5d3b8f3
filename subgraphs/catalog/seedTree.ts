import { CATEGORY_IDS } from '../shared/seedPlan.js';
import { DEPARTMENTS, SIZED_DEPARTMENTS, kebab, plural } from './seedNames.js';

/** One row of `catalog.category`, as the seed inserts it. */
export interface SeedCategory {
  id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  position: number;
  depth: number;
}

/** A leaf of the tree and what the products listed in it are made of. */
export interface SeedLeaf {
  id: number;
  /** The singular thing it sells, the noun of its products' names. */
  noun: string;
  /** The leaf at the same place in the next category of the same department: every 5th product's second leaf. */
  secondId: number;
  /** Whether its products' variants differ by size rather than colour. */
  sized: boolean;
}

/**
 * The fixed category tree with ids from `CATEGORY_IDS`, departments first. Leaf `i` (0-based, in this order) holds
 * the products whose `(id - 1) % leaves.length` is `i`, so every department gets an equal share.
 */
export function seedTree(): { categories: SeedCategory[]; leaves: SeedLeaf[] } {
  const categories: SeedCategory[] = [];
  const leaves: SeedLeaf[] = [];
  DEPARTMENTS.forEach((department, d) => {
    const departmentId = CATEGORY_IDS.department(d + 1);
    const departmentSlug = kebab(department.name);
    categories.push(node(departmentId, null, department.name, departmentSlug, d + 1, 0));
    department.categories.forEach(([name, nouns], c) => {
      const categoryId = CATEGORY_IDS.category(d + 1, c + 1);
      const categorySlug = `${departmentSlug}-${kebab(name)}`;
      categories.push(node(categoryId, departmentId, name, categorySlug, c + 1, 1));
      nouns.forEach((noun, l) => {
        const leafName = plural(noun);
        const id = CATEGORY_IDS.leaf(d + 1, c + 1, l + 1);
        categories.push(node(id, categoryId, leafName, `${categorySlug}-${kebab(leafName)}`, l + 1, 2));
        const secondId = CATEGORY_IDS.leaf(d + 1, ((c + 1) % department.categories.length) + 1, l + 1);
        leaves.push({ id, noun, secondId, sized: SIZED_DEPARTMENTS.includes(department.name) });
      });
    });
  });
  // Departments, then categories, then leaves: the order CATEGORY_IDS numbers them in.
  categories.sort((a, b) => a.id - b.id);
  return { categories, leaves };
}

function node(
  id: number,
  parentId: number | null,
  name: string,
  slug: string,
  position: number,
  depth: number,
): SeedCategory {
  return { id, parent_id: parentId, name, slug, position, depth };
}
