-- What one variant costs in one market, in that market's currency. product_id is pricing's own copy of the
-- variant's product (it never reads the catalog), so a product's prices are one index lookup.
CREATE TABLE pricing.price (
  variant_id integer NOT NULL,
  product_id integer NOT NULL,
  market text NOT NULL,
  currency text NOT NULL,
  amount numeric(12, 2) NOT NULL CHECK (amount > 0),
  -- The former price shown struck through; only meaningful above the price.
  compare_at_amount numeric(12, 2) CHECK (compare_at_amount > amount),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (variant_id, market)
);

CREATE INDEX price_product_market ON pricing.price (product_id, market);

-- A percentage off at checkout, in one market, for a time window [starts_at, ends_at).
CREATE TABLE pricing.promotion (
  id integer PRIMARY KEY,
  market text NOT NULL,
  title text NOT NULL,
  percent_off integer NOT NULL CHECK (percent_off BETWEEN 1 AND 90),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  CHECK (ends_at > starts_at)
);

CREATE TABLE pricing.promotion_product (
  promotion_id integer NOT NULL REFERENCES pricing.promotion (id),
  product_id integer NOT NULL,
  PRIMARY KEY (promotion_id, product_id)
);

CREATE INDEX promotion_product_product_id ON pricing.promotion_product (product_id);
