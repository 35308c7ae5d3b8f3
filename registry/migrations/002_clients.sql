-- The clients gateways recognise by API key (issue 18): a partner or an app, what it may send, and its keys.
CREATE TABLE registry.clients (
  name text PRIMARY KEY,
  -- public: a key shipped in a web or mobile app; secret: a key only a partner's servers hold.
  kind text NOT NULL CHECK (kind IN ('public', 'secret')),
  policy text NOT NULL CHECK (policy IN ('open', 'persisted-only')),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A client's API keys, as SHA-256 digests only: the key itself is shown once, when it is made, and never stored.
CREATE TABLE registry.client_keys (
  id bigserial PRIMARY KEY,
  client text NOT NULL REFERENCES registry.clients (name),
  sha256 text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Null: no expiry. A rotation sets it on the keys it replaces (the overlap window).
  expires_at timestamptz,
  revoked_at timestamptz
);

CREATE INDEX client_keys_client ON registry.client_keys (client);
