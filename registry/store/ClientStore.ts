import type { Database } from '../../subgraphs/shared/database/Database.js';
import type { ClientPolicy, KeyKind } from '../../gateway/partners/ClientRegistry.js';

/** A client as created: its name, what its key is (`public` app key or `secret` partner key) and its policy. */
export interface NewClient {
  name: string;
  kind: KeyKind;
  policy: ClientPolicy;
}

/** One of a client's keys as `GET /clients` lists it: never its digest. */
export interface KeySummary {
  createdAt: Date;
  /** Null: no expiry. */
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Not revoked and not expired: gateways accept it. */
  live: boolean;
}

/** A client and every key it ever had, oldest first. */
export interface ClientSummary extends NewClient {
  createdAt: Date;
  keys: KeySummary[];
}

/** A client and the digests of its live keys: what gateways recognise callers by. */
export interface LiveClient extends NewClient {
  keys: { sha256: string; expiresAt: Date | null }[];
}

/** Why a client could not be created. */
export type CreateOutcome = 'created' | 'name-taken' | 'key-taken';

// A key is live until it is revoked or its expiry has passed, by the database's clock (one clock for every replica).
const LIVE = 'k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())';

/**
 * The registry's clients and their API keys (tables `registry.clients` and `registry.client_keys`, migration
 * `002_clients.sql`). Keys are held as SHA-256 digests only. A client is never deleted: revoking refuses its keys.
 */
export class ClientStore {
  constructor(private readonly db: Database) {}

  /** Records `client` with one key, by its digest; nothing when the name or the key is taken. */
  create(client: NewClient, sha256: string): Promise<CreateOutcome> {
    return this.db.transaction(async (tx) => {
      // The name first: seeding a client the registry has, by its old key's digest, is "name taken", not a clash.
      const [named] = await tx.query('SELECT 1 FROM registry.clients WHERE name = $1', [client.name]);
      if (named) return 'name-taken';
      const [taken] = await tx.query('SELECT 1 FROM registry.client_keys WHERE sha256 = $1', [sha256]);
      if (taken) return 'key-taken';
      const inserted = await tx.query(
        `INSERT INTO registry.clients (name, kind, policy) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO NOTHING RETURNING name`,
        [client.name, client.kind, client.policy],
      );
      if (inserted.length === 0) return 'name-taken';
      await tx.query('INSERT INTO registry.client_keys (client, sha256) VALUES ($1, $2)', [
        client.name,
        sha256,
      ]);
      return 'created';
    });
  }

  /** Every client with its keys' dates, by name. */
  async list(): Promise<ClientSummary[]> {
    const rows = await this.db.query<ClientRow & { keys: KeyRow[] }>(
      `SELECT c.name, c.kind, c.policy, c.created_at,
              coalesce(json_agg(json_build_object('created_at', k.created_at, 'expires_at', k.expires_at,
                'revoked_at', k.revoked_at, 'live', ${LIVE}) ORDER BY k.id) FILTER (WHERE k.id IS NOT NULL),
                '[]') AS keys
         FROM registry.clients c LEFT JOIN registry.client_keys k ON k.client = c.name
        GROUP BY c.name ORDER BY c.name`,
    );
    return rows.map((row) => ({
      ...clientOf(row),
      createdAt: row.created_at,
      keys: row.keys.map((key) => ({
        createdAt: new Date(key.created_at),
        expiresAt: dateOrNull(key.expires_at),
        revokedAt: dateOrNull(key.revoked_at),
        live: key.live,
      })),
    }));
  }

  /**
   * Gives `name` a new key (by its digest); its live keys expire `overlapSeconds` from now (0: at once), or keep an
   * earlier expiry. Null when there is no such client.
   */
  rotate(name: string, sha256: string, overlapSeconds: number): Promise<{ previousExpireAt: Date } | null> {
    return this.db.transaction(async (tx) => {
      // Locks the client's row: two rotations of one client take turns.
      const [client] = await tx.query<{ expire_at: Date }>(
        `SELECT now() + make_interval(secs => $2) AS expire_at FROM registry.clients WHERE name = $1 FOR UPDATE`,
        [name, overlapSeconds],
      );
      if (!client) return null;
      await tx.query(
        `UPDATE registry.client_keys k SET expires_at = LEAST(coalesce(k.expires_at, 'infinity'), $2)
          WHERE k.client = $1 AND ${LIVE}`,
        [name, client.expire_at],
      );
      await tx.query('INSERT INTO registry.client_keys (client, sha256) VALUES ($1, $2)', [name, sha256]);
      return { previousExpireAt: client.expire_at };
    });
  }

  /** Revokes every key of `name` now; how many were not revoked yet, or null when there is no such client. */
  revoke(name: string): Promise<number | null> {
    return this.db.transaction(async (tx) => {
      const [client] = await tx.query('SELECT 1 FROM registry.clients WHERE name = $1 FOR UPDATE', [name]);
      if (!client) return null;
      const revoked = await tx.query(
        `UPDATE registry.client_keys SET revoked_at = now() WHERE client = $1 AND revoked_at IS NULL RETURNING id`,
        [name],
      );
      return revoked.length;
    });
  }

  /** Every client with the digests of its live keys (none when all are revoked or expired), by name. */
  async liveKeys(): Promise<LiveClient[]> {
    const rows = await this.db.query<ClientRow & { keys: { sha256: string; expires_at: string | null }[] }>(
      `SELECT c.name, c.kind, c.policy,
              coalesce(json_agg(json_build_object('sha256', k.sha256, 'expires_at', k.expires_at) ORDER BY k.id)
                FILTER (WHERE k.id IS NOT NULL), '[]') AS keys
         FROM registry.clients c LEFT JOIN registry.client_keys k ON k.client = c.name AND ${LIVE}
        GROUP BY c.name ORDER BY c.name`,
    );
    return rows.map((row) => ({
      ...clientOf(row),
      keys: row.keys.map((key) => ({ sha256: key.sha256, expiresAt: dateOrNull(key.expires_at) })),
    }));
  }
}

type ClientRow = { name: string; kind: KeyKind; policy: ClientPolicy; created_at: Date };
// Rows built with json_build_object carry timestamps as strings.
type KeyRow = { created_at: string; expires_at: string | null; revoked_at: string | null; live: boolean };

function clientOf(row: ClientRow): NewClient {
  return { name: row.name, kind: row.kind, policy: row.policy };
}

function dateOrNull(value: string | null): Date | null {
  return value === null ? null : new Date(value);
}
