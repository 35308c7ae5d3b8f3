-- Catalog: brands, the category tree, products with their images, attributes and variants.

CREATE TABLE catalog.brand (
  id integer PRIMARY KEY,
  name text NOT NULL,
  slug text NOT NULL UNIQUE
);

-- A tree: departments have no parent and depth 0; leaves have depth 2.
CREATE TABLE catalog.category (
  id integer PRIMARY KEY,
  parent_id integer REFERENCES catalog.category (id),
  name text NOT NULL,
  slug text NOT NULL UNIQUE,
  position integer NOT NULL,
  depth integer NOT NULL
);
CREATE INDEX category_parent_idx ON catalog.category (parent_id, position);

CREATE TABLE catalog.product (
  id integer PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL,
  brand_id integer NOT NULL REFERENCES catalog.brand (id),
  weight_grams integer NOT NULL,
  popularity integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Words of the name, description and brand name for the listing's text filter. Not a generated column because
  -- the brand name lives in another table; whoever writes a product or renames a brand refreshes it.
  search tsvector NOT NULL
);
-- No sort or text indexes: a listing must count all its matches anyway, so it reads them (through
-- product_category for a category, else the whole table) and sorts what it read.

-- The leaves a product is listed in; position 1 is its home category (breadcrumbs, related products).
CREATE TABLE catalog.product_category (
  product_id integer NOT NULL REFERENCES catalog.product (id),
  category_id integer NOT NULL REFERENCES catalog.category (id),
  position integer NOT NULL,
  PRIMARY KEY (product_id, category_id)
);
CREATE INDEX product_category_category_idx ON catalog.product_category (category_id, product_id);

CREATE TABLE catalog.product_image (
  product_id integer NOT NULL REFERENCES catalog.product (id),
  position integer NOT NULL,
  url text NOT NULL,
  alt text NOT NULL,
  width integer NOT NULL,
  height integer NOT NULL,
  PRIMARY KEY (product_id, position)
);

CREATE TABLE catalog.product_attribute (
  product_id integer NOT NULL REFERENCES catalog.product (id),
  position integer NOT NULL,
  name text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (product_id, position)
);

CREATE TABLE catalog.variant (
  id integer PRIMARY KEY,
  product_id integer NOT NULL REFERENCES catalog.product (id),
  sku text NOT NULL UNIQUE,
  name text NOT NULL,
  position integer NOT NULL,
  weight_grams integer NOT NULL
);
CREATE INDEX variant_product_idx ON catalog.variant (product_id, position);

CREATE TABLE catalog.variant_option (
  variant_id integer NOT NULL REFERENCES catalog.variant (id),
  position integer NOT NULL,
  name text NOT NULL,
  value text NOT NULL,
  PRIMARY KEY (variant_id, position)
);
