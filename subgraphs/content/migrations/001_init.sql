-- CMS pages made of blocks, and the editorial copy, badges and reviews shown with products. Product and
-- category ids belong to the catalog; this subgraph stores them as plain integers.

CREATE TABLE content.page (
  id integer PRIMARY KEY,
  slug text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en-US', 'de-DE')),
  title text NOT NULL,
  -- The category this page is the landing page of, if any.
  category_id integer,
  UNIQUE (slug, locale)
);

CREATE INDEX page_landing ON content.page (category_id, locale) WHERE category_id IS NOT NULL;

-- One row per slot variant: the default (segment NULL) and any segment-specific replacements of a position.
CREATE TABLE content.block (
  id integer PRIMARY KEY,
  page_id integer NOT NULL REFERENCES content.page (id) ON DELETE CASCADE,
  position smallint NOT NULL CHECK (position > 0),
  segment text CHECK (segment IN ('new', 'regular', 'vip')),
  kind text NOT NULL CHECK (kind IN ('hero', 'rich_text', 'product_carousel', 'category_tiles')),
  data jsonb NOT NULL,
  UNIQUE NULLS NOT DISTINCT (page_id, position, segment)
);

CREATE TABLE content.editorial (
  product_id integer NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en-US', 'de-DE')),
  headline text NOT NULL CHECK (char_length(headline) BETWEEN 1 AND 200),
  body text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (product_id, locale)
);

CREATE TABLE content.badge_label (
  code text NOT NULL,
  locale text NOT NULL CHECK (locale IN ('en-US', 'de-DE')),
  label text NOT NULL,
  PRIMARY KEY (code, locale)
);

CREATE TABLE content.badge (
  product_id integer NOT NULL,
  code text NOT NULL CHECK (code IN ('NEW', 'BESTSELLER', 'ECO', 'LIMITED')),
  position smallint NOT NULL,
  PRIMARY KEY (product_id, code)
);

CREATE TABLE content.review (
  id integer PRIMARY KEY,
  product_id integer NOT NULL,
  rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title text NOT NULL,
  body text NOT NULL,
  author_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Newest reviews of a product first, and the summary over all of them.
CREATE INDEX review_newest ON content.review (product_id, created_at DESC, id DESC) INCLUDE (rating);
