import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** What a client may send: any document (`open`), or only ids of operations in the manifest (`persisted-only`). */
export const CLIENT_POLICIES = ['open', 'persisted-only'] as const;
export type ClientPolicy = (typeof CLIENT_POLICIES)[number];

/**
 * Whether a client's API key can be kept secret: `public` for a key shipped inside a web or mobile app (anyone can
 * read it, so it names the app, not the caller), `secret` for a key only a partner's servers hold.
 */
export const KEY_KINDS = ['public', 'secret'] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** A client the gateway knows by its API key. */
export interface RegisteredClient {
  readonly name: string;
  readonly policy: ClientPolicy;
  /** Rate limits count a `secret` key as one caller, and the callers behind a `public` key one by one. */
  readonly keyKind: KeyKind;
}

/** Who sent a request: no key, a registered client's key, or a key nobody registered. */
export type ClientIdentity =
  { kind: 'anonymous' } | { kind: 'client'; client: RegisteredClient } | { kind: 'unknown' };

interface Entry {
  client: RegisteredClient;
  keyHash: Buffer;
  /** When the key stops working, in ms since the epoch; Infinity for never. */
  expiresAt: number;
}

const FIELDS = ['name', 'apiKeySha256', 'policy', 'keyKind'];

/**
 * The registered clients. Only SHA-256 hashes of API keys are held; a key is recognised by hashing it and
 * comparing against every entry in constant time, so neither the keys nor timing reveal anything.
 */
export class ClientRegistry {
  private readonly entries: readonly Entry[];

  /**
   * @param clients one entry per key (a client with two keys, during a rotation, is listed twice); a key with
   *   `expiresAt` (ms since the epoch) is refused from then on, without waiting for a fresh copy of the list
   * @param now the clock `expiresAt` is compared with. Default `Date.now`.
   */
  constructor(
    clients: readonly (ClientEntry & { expiresAt?: number | null })[],
    private readonly now: () => number = Date.now,
  ) {
    this.entries = clients.map(({ name, policy, keyKind, apiKeySha256, expiresAt }) => ({
      client: { name, policy, keyKind },
      keyHash: Buffer.from(apiKeySha256, 'hex'),
      expiresAt: expiresAt ?? Infinity,
    }));
  }

  /** Every registered client with a key, in registry order (without key hashes), once each. */
  get clients(): readonly RegisteredClient[] {
    const byName = new Map(this.entries.map((entry) => [entry.client.name, entry.client]));
    return [...byName.values()];
  }

  /** Identifies the sender of `apiKey`; an absent or empty key is anonymous. */
  identify(apiKey: string | undefined): ClientIdentity {
    if (!apiKey) return { kind: 'anonymous' };
    const hash = createHash('sha256').update(apiKey).digest();
    const now = this.now();
    let match: RegisteredClient | undefined;
    // Compare with every entry, without stopping at a match, so the time taken does not depend on which matched.
    for (const entry of this.entries) {
      if (timingSafeEqual(hash, entry.keyHash) && entry.expiresAt > now) match = entry.client;
    }
    return match ? { kind: 'client', client: match } : { kind: 'unknown' };
  }
}

/** A client as `config/clients.json` lists it: the client and the SHA-256 of its key. */
export type ClientEntry = RegisteredClient & { apiKeySha256: string };

/**
 * Reads and checks the client registry at `path`: a JSON array of `{ name, apiKeySha256, policy, keyKind }`. Throws an
 * error naming the file, the entry's index and the field for anything else, and for names or keys used twice.
 */
export async function loadClientRegistry(path: string): Promise<ClientRegistry> {
  return new ClientRegistry(await readClientsFile(path));
}

/** The entries of the client registry at `path`, checked as `loadClientRegistry` checks them. */
export async function readClientsFile(path: string): Promise<ClientEntry[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: not readable as JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of clients`);
  const names = new Set<string>();
  const hashes = new Set<string>();
  return parsed.map((value: unknown, index) => {
    const at = `${path}: clients[${index}]`;
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new Error(`${at} is not an object`);
    const entry = value as Record<string, unknown>;
    const unknownField = Object.keys(entry).find((field) => !FIELDS.includes(field));
    if (unknownField) throw new Error(`${at} has unknown field "${unknownField}"; use ${FIELDS.join(', ')}`);
    const { name, apiKeySha256, policy, keyKind } = entry;
    if (typeof name !== 'string' || !name) throw new Error(`${at}.name must be a non-empty string`);
    if (names.has(name)) throw new Error(`${at}.name "${name}" is used by an earlier client`);
    if (typeof apiKeySha256 !== 'string' || !/^[0-9a-f]{64}$/.test(apiKeySha256)) {
      throw new Error(`${at}.apiKeySha256 must be the SHA-256 of the key as 64 lowercase hex characters`);
    }
    if (hashes.has(apiKeySha256)) throw new Error(`${at}.apiKeySha256 is used by an earlier client`);
    if (!CLIENT_POLICIES.includes(policy as ClientPolicy)) {
      throw new Error(`${at}.policy is ${JSON.stringify(policy)}; use one of ${CLIENT_POLICIES.join(', ')}`);
    }
    if (!KEY_KINDS.includes(keyKind as KeyKind)) {
      throw new Error(`${at}.keyKind is ${JSON.stringify(keyKind)}; use one of ${KEY_KINDS.join(', ')}`);
    }
    names.add(name);
    hashes.add(apiKeySha256);
    return { name, apiKeySha256, policy: policy as ClientPolicy, keyKind: keyKind as KeyKind };
  });
}
