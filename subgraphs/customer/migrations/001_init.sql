-- Customers, their addresses and wishlists. Product ids belong to the catalog; this subgraph stores them as
-- plain integers and cannot check that they exist.

CREATE TABLE customer.customer (
  id integer PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text NOT NULL UNIQUE,
  segment text NOT NULL CHECK (segment IN ('new', 'regular', 'vip')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer.address (
  id integer PRIMARY KEY,
  customer_id integer NOT NULL REFERENCES customer.customer (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position > 0),
  line1 text NOT NULL,
  line2 text,
  city text NOT NULL,
  postal_code text NOT NULL,
  country char(2) NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  UNIQUE (customer_id, position)
);

-- At most one default address per customer.
CREATE UNIQUE INDEX address_one_default ON customer.address (customer_id) WHERE is_default;

CREATE TABLE customer.wishlist_item (
  customer_id integer NOT NULL REFERENCES customer.customer (id) ON DELETE CASCADE,
  product_id integer NOT NULL CHECK (product_id > 0),
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (customer_id, product_id)
);

-- A wishlist is read newest first.
CREATE INDEX wishlist_item_newest ON customer.wishlist_item (customer_id, added_at DESC, product_id DESC);
