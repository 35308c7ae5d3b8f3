-- Where stock is held: one warehouse per market (contracts/requestContext.ts MARKETS).
CREATE TABLE inventory.warehouse (
  code text PRIMARY KEY,
  name text NOT NULL,
  -- ISO 3166-1 alpha-2.
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- The market this warehouse ships to without crossing a border.
  market text NOT NULL UNIQUE,
  -- The order of MARKETS: lists and the shipping rule take warehouses in this order.
  position smallint NOT NULL UNIQUE
);

-- Units of one variant in one warehouse. product_id is inventory's own copy of the variant's product (it
-- never reads the catalog), so a product's stock is one index lookup.
CREATE TABLE inventory.stock (
  variant_id integer NOT NULL,
  product_id integer NOT NULL,
  warehouse_code text NOT NULL REFERENCES inventory.warehouse (code),
  quantity integer NOT NULL CHECK (quantity >= 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (variant_id, warehouse_code)
);

CREATE INDEX stock_product_id ON inventory.stock (product_id);
