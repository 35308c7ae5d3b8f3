import type { Logger } from 'pino';
import { conditionalRead } from '../schema/conditionalRead.js';
import {
  CLIENT_POLICIES,
  ClientRegistry,
  KEY_KINDS,
  type ClientEntry,
  type ClientPolicy,
  type KeyKind,
} from './ClientRegistry.js';

/** The registered clients as they are now: a fixed list, or the registry's latest. */
export interface ClientsSource {
  /** The clients to identify a request's caller with: in memory, no I/O. */
  current(): ClientRegistry;
  /** Stops refreshing, if it refreshes. */
  stop(): void;
}

/** A list that never changes (`config/clients.json` without a registry). */
export function fixedClients(registry: ClientRegistry): ClientsSource {
  return { current: () => registry, stop: () => undefined };
}

export interface RegistryClientsOptions {
  /** The schema registry's base URL (`REGISTRY_URL`). */
  baseUrl: string;
  /** The read token, sent as a bearer token; never logged. */
  token: string;
  /** How often the list is read again, in ms (`SUPERGRAPH_POLL_INTERVAL_MS`); 0 reads it once. */
  pollIntervalMs: number;
  logger: Logger;
  /** The clock key expiries are compared with. Default `Date.now`. */
  now?: () => number;
}

/**
 * The clients of the schema registry (`GET <REGISTRY_URL>/clients/keys`: the digests of every client's live keys),
 * read at start (it must answer then, as the supergraph must) and again every `pollIntervalMs` with `If-None-Match`,
 * so that a created client, a rotated key or a revoked one counts here within one poll, without a restart. While the
 * registry cannot be read, or answers something that is not a list of clients, the last good copy stands. A key
 * past its `expiresAt` is refused at once, whatever the copy's age.
 */
export async function registryClients(options: RegistryClientsOptions): Promise<ClientsSource> {
  const { logger, now = Date.now } = options;
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const reader = conditionalRead(new URL('clients/keys', base).toString(), { token: options.token });
  const first = await reader.read();
  let registry = new ClientRegistry(entriesOf(reader.description, first ?? ''), now);
  let failing = false;
  let reading = false;

  async function refresh(): Promise<void> {
    if (reading) return;
    reading = true;
    try {
      const body = await reader.read();
      if (body !== undefined) {
        registry = new ClientRegistry(entriesOf(reader.description, body), now);
        logger.info({ source: reader.description, clients: registry.clients.length }, 'clients updated');
      }
      if (failing) logger.info({ source: reader.description }, 'clients readable again');
      failing = false;
    } catch (error) {
      // Logged once per outage, not at every poll; the last good copy keeps answering.
      if (!failing) {
        logger.warn(
          { source: reader.description, err: (error as Error).message },
          'clients unreadable; keeping the last copy',
        );
      }
      failing = true;
    } finally {
      reading = false;
    }
  }

  const timer =
    options.pollIntervalMs > 0 ? setInterval(() => void refresh(), options.pollIntervalMs) : undefined;
  timer?.unref();
  return { current: () => registry, stop: () => clearInterval(timer) };
}

/** The registry's `{ clients: [{ name, kind, policy, keys: [{ sha256, expiresAt }] }] }`, one entry per key. */
function entriesOf(description: string, body: string): (ClientEntry & { expiresAt: number | null })[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new Error(`${description}: not JSON`);
  }
  const clients = (parsed as { clients?: unknown } | null)?.clients;
  if (!Array.isArray(clients)) throw new Error(`${description}: no "clients" array`);
  return clients.flatMap((value: unknown, index) => {
    const { name, kind, policy, keys } = (value ?? {}) as Record<string, unknown>;
    if (
      typeof name !== 'string' ||
      !KEY_KINDS.includes(kind as KeyKind) ||
      !CLIENT_POLICIES.includes(policy as ClientPolicy) ||
      !Array.isArray(keys)
    ) {
      throw new Error(`${description}: clients[${index}] needs a name, a kind, a policy and a keys array`);
    }
    return keys.map((key: unknown, at) => {
      const { sha256, expiresAt } = (key ?? {}) as Record<string, unknown>;
      const expiry = typeof expiresAt === 'string' ? Date.parse(expiresAt) : expiresAt;
      if (
        typeof sha256 !== 'string' ||
        !/^[0-9a-f]{64}$/.test(sha256) ||
        !(expiry === null || Number.isFinite(expiry))
      ) {
        throw new Error(
          `${description}: clients[${index}].keys[${at}] needs a sha256 and an expiresAt (null or a time)`,
        );
      }
      return {
        name,
        keyKind: kind as KeyKind,
        policy: policy as ClientPolicy,
        apiKeySha256: sha256,
        expiresAt: expiry as number | null,
      };
    });
  });
}
