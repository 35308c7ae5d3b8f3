-- Every published supergraph, kept for good: history and rollback read it, nothing rewrites it.
CREATE TABLE registry.versions (
  version integer PRIMARY KEY CHECK (version > 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  action text NOT NULL CHECK (action IN ('publish', 'rollback')),
  author text NOT NULL,
  commit text,
  -- Why a failed check was published anyway; null when the check passed.
  approval_reason text,
  rolled_back_to integer REFERENCES registry.versions (version),
  -- The subgraphs this version changed, added or removed.
  changed_subgraphs text[] NOT NULL,
  -- Every subgraph of the supergraph: [{ name, url, sdl }], by name.
  subgraphs jsonb NOT NULL,
  supergraph_sdl text NOT NULL,
  schema_version text NOT NULL,
  -- The check's report (registry/check/SchemaCheck.ts).
  report jsonb NOT NULL,
  -- Registered operations this version breaks, not served to gateways while it is current: [{ id, client, name, source }].
  excluded_operations jsonb NOT NULL DEFAULT '[]'
);

CREATE FUNCTION registry.refuse_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'registry.versions is append-only: publish or roll back instead';
END;
$$;

CREATE TRIGGER versions_append_only
  BEFORE UPDATE OR DELETE ON registry.versions
  FOR EACH ROW EXECUTE FUNCTION registry.refuse_version_change();

-- The operations clients run, which a new version must not break (issue 18 extends how they get here).
CREATE TABLE registry.operations (
  id bigserial PRIMARY KEY,
  client text NOT NULL,
  name text,
  source text NOT NULL,
  body text NOT NULL,
  variables jsonb,
  registered_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX operations_client ON registry.operations (client);
