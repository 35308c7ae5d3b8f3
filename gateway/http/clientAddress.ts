import parseForwarded from 'forwarded-parse';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import { readChoice } from '../../contracts/env.js';

/** The headers a proxy in front may name the client in. */
export const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded'] as const;
export type ForwardingHeader = (typeof FORWARDING_HEADERS)[number];

/** Which peers may say who the client is, read from the environment. */
export interface ClientAddressConfig {
  /**
   * Proxies in front of the gateway (`TRUSTED_PROXIES`, comma-separated addresses or CIDR ranges, or `loopback`,
   * `linklocal`, `uniquelocal`); an IPv4-mapped IPv6 address matches its IPv4 form. Default none: the socket peer is
   * the client and forwarding headers are ignored.
   */
  trustedProxies: string[];
  /**
   * The header the trusted proxies name the client in (`TRUSTED_PROXY_HEADER`, `x-forwarded-for` or `forwarded`, RFC
   * 7239). Only one is read: a proxy passes the other on as the client sent it. Default `x-forwarded-for`.
   */
  header: ForwardingHeader;
}

/** Reads the trusted proxies from `env`; throws an error naming the variable and the bad entry. */
export function loadClientAddressConfig(env: NodeJS.ProcessEnv): ClientAddressConfig {
  const trustedProxies = (env['TRUSTED_PROXIES'] ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of trustedProxies) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new Error(
        `TRUSTED_PROXIES has "${entry}"; use comma-separated IP addresses or CIDR ranges (10.0.0.0/8, ` +
          'fd00::/8), or loopback, linklocal, uniquelocal',
      );
    }
  }
  return {
    trustedProxies,
    header: readChoice(env, 'TRUSTED_PROXY_HEADER', FORWARDING_HEADERS, 'x-forwarded-for'),
  };
}

/** The client's address of each request, by {@link resolveClientAddress} with `config`'s trust. */
export function clientAddressResolver(config: ClientAddressConfig): (req: IncomingMessage) => string {
  const peerOnly = config.trustedProxies.length === 0;
  const trust = proxyaddr.compile(config.trustedProxies);
  return (req) => {
    const peer = req.socket.remoteAddress ?? '';
    if (peerOnly) return plainAddress(peer);
    const value = req.headers[config.header];
    return resolveClientAddress(peer, Array.isArray(value) ? value.join(', ') : value, config.header, trust);
  };
}

/**
 * The client's address: from the socket peer leftwards through the addresses `header` lists, while each is a trusted
 * proxy; the first untrusted one is the client. A hop that is not an address (`unknown`, an obfuscated name, garbage)
 * stops the walk at the trusted proxy before it, and so does a `Forwarded` value that does not parse: a header is
 * believed only as far as it can be read. IPv4-mapped IPv6 addresses are answered in their IPv4 form.
 */
export function resolveClientAddress(
  peer: string,
  value: string | undefined,
  header: ForwardingHeader,
  trust: (address: string, hop: number) => boolean,
): string {
  let client = plainAddress(peer);
  if (!value || !isIP(client)) return client;
  const hops = (header === 'forwarded' ? forwardedFor(value) : value.split(',')).reverse();
  for (let hop = 0; hop < hops.length && trust(client, hop); hop++) {
    const address = plainAddress(hops[hop] ?? '');
    if (!isIP(address)) break;
    client = address;
  }
  return client;
}

/** The `for` values of a `Forwarded` header, leftmost first; none when the header does not parse. */
function forwardedFor(value: string): string[] {
  try {
    return parseForwarded(value).map((element) => element['for'] ?? '');
  } catch {
    return [];
  }
}

/**
 * `address` without brackets, port or IPv4 mapping: `[2001:db8::1]:4711` → `2001:db8::1`, `192.0.2.1:80` and
 * `::ffff:192.0.2.1` → `192.0.2.1`.
 */
function plainAddress(address: string): string {
  const trimmed = address.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(trimmed);
  const host = bracketed?.[1] ?? trimmed.replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(host);
  return mapped?.[1] ?? host;
}
