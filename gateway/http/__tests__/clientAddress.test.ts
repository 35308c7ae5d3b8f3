import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';
import {
  clientAddressResolver,
  loadClientAddressConfig,
  resolveClientAddress,
  type ForwardingHeader,
} from '../clientAddress.js';

const trusting = (...proxies: string[]) => proxyaddr.compile(proxies);

/** A request from `peer` with `headers`, as `node:http` hands it over. */
const request = (peer: string, headers: Record<string, string> = {}) =>
  ({ socket: { remoteAddress: peer }, headers }) as unknown as IncomingMessage;

describe('resolveClientAddress', () => {
  const xff = (peer: string, value: string | undefined, ...proxies: string[]) =>
    resolveClientAddress(peer, value, 'x-forwarded-for', trusting(...proxies));
  const forwarded = (peer: string, value: string, ...proxies: string[]) =>
    resolveClientAddress(peer, value, 'forwarded', trusting(...proxies));

  it('walks from a trusted peer leftwards to the first untrusted address', () => {
    expect(xff('10.0.0.2', '203.0.113.9', '10.0.0.2')).toBe('203.0.113.9');
    // A client's own X-Forwarded-For is kept by the proxy and appended to: its claim is left of the real address.
    expect(xff('10.0.0.2', '198.51.100.1, 203.0.113.9', '10.0.0.2')).toBe('203.0.113.9');
    // Two proxies: the edge (10.0.0.1) appended the client, the inner one (10.0.0.2) the edge.
    expect(xff('10.0.0.2', '198.51.100.1, 203.0.113.9, 10.0.0.1', '10.0.0.1', '10.0.0.2')).toBe(
      '203.0.113.9',
    );
  });

  it('answers the leftmost address when every hop is trusted', () => {
    expect(xff('10.0.0.2', '10.0.0.7, 10.0.0.1', '10.0.0.0/8')).toBe('10.0.0.7');
  });

  it('ignores the headers of an untrusted peer', () => {
    expect(xff('203.0.113.9', '198.51.100.1', '10.0.0.0/8')).toBe('203.0.113.9');
    expect(forwarded('203.0.113.9', 'for=198.51.100.1', '10.0.0.0/8')).toBe('203.0.113.9');
    expect(xff('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
  });

  it('trusts peers by CIDR range, IPv4 and IPv6', () => {
    expect(xff('172.18.0.5', '203.0.113.9', '172.16.0.0/12')).toBe('203.0.113.9');
    expect(xff('172.32.0.5', '203.0.113.9', '172.16.0.0/12')).toBe('172.32.0.5');
    expect(xff('fd00::5', '2001:db8::1', 'fd00::/8')).toBe('2001:db8::1');
    expect(xff('fe00::5', '2001:db8::1', 'fd00::/8')).toBe('fe00::5');
  });

  it('matches an IPv4-mapped IPv6 peer against its IPv4 form, and answers IPv4', () => {
    expect(xff('::ffff:10.0.0.2', '203.0.113.9', '10.0.0.0/8')).toBe('203.0.113.9');
    expect(xff('10.0.0.2', '::ffff:203.0.113.9', '10.0.0.2')).toBe('203.0.113.9');
    expect(xff('::ffff:203.0.113.9', '198.51.100.1', '10.0.0.0/8')).toBe('203.0.113.9');
  });

  it('reads Forwarded (RFC 7239) with quoted IPv6, ports and other parameters', () => {
    expect(forwarded('10.0.0.2', 'for="[2001:db8:cafe::17]:4711"', '10.0.0.2')).toBe('2001:db8:cafe::17');
    expect(forwarded('10.0.0.2', 'for="[2001:db8:cafe::17]"', '10.0.0.2')).toBe('2001:db8:cafe::17');
    expect(forwarded('10.0.0.2', 'for="192.0.2.60:8080";proto=https;by=10.0.0.2', '10.0.0.2')).toBe(
      '192.0.2.60',
    );
    expect(
      forwarded('10.0.0.2', 'for=198.51.100.1, For=192.0.2.43;proto=http, for=10.0.0.1', '10.0.0.0/8'),
    ).toBe('192.0.2.43');
  });

  it('stops at the trusted proxy before a hop that is not an address', () => {
    expect(xff('10.0.0.2', 'garbage', '10.0.0.2')).toBe('10.0.0.2');
    expect(xff('10.0.0.2', '203.0.113.9, ', '10.0.0.2')).toBe('10.0.0.2');
    expect(xff('10.0.0.2', 'nonsense, 10.0.0.1', '10.0.0.0/8')).toBe('10.0.0.1');
    expect(forwarded('10.0.0.2', 'for=unknown', '10.0.0.2')).toBe('10.0.0.2');
    expect(forwarded('10.0.0.2', 'for=_hidden, for=10.0.0.1', '10.0.0.0/8')).toBe('10.0.0.1');
  });

  it('ignores a Forwarded header that does not parse, or carries no for', () => {
    expect(forwarded('10.0.0.2', 'for=;;"203.0.113.9', '10.0.0.2')).toBe('10.0.0.2');
    expect(forwarded('10.0.0.2', 'proto=https', '10.0.0.2')).toBe('10.0.0.2');
    expect(xff('10.0.0.2', undefined, '10.0.0.2')).toBe('10.0.0.2');
  });
});

describe('clientAddressResolver', () => {
  const resolver = (env: NodeJS.ProcessEnv) => clientAddressResolver(loadClientAddressConfig(env));

  it('answers the socket peer, ignoring forwarding headers, when no proxy is trusted', () => {
    const resolve = resolver({});
    expect(resolve(request('::ffff:127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }))).toBe('127.0.0.1');
  });

  it('reads only the configured header', () => {
    const headers = { 'x-forwarded-for': '203.0.113.9', forwarded: 'for=198.51.100.1' };
    const byHeader = (header: ForwardingHeader) =>
      resolver({ TRUSTED_PROXIES: 'loopback', TRUSTED_PROXY_HEADER: header })(request('127.0.0.1', headers));
    expect(byHeader('x-forwarded-for')).toBe('203.0.113.9');
    expect(byHeader('forwarded')).toBe('198.51.100.1');
  });
});

describe('loadClientAddressConfig', () => {
  it('reads comma-separated addresses, ranges and names, trimmed', () => {
    expect(loadClientAddressConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, ::ffff:172.18.0.1 ,loopback,' })).toEqual(
      {
        trustedProxies: ['10.0.0.0/8', '::ffff:172.18.0.1', 'loopback'],
        header: 'x-forwarded-for',
      },
    );
    expect(loadClientAddressConfig({})).toEqual({ trustedProxies: [], header: 'x-forwarded-for' });
  });

  it('names the bad entry and what is accepted', () => {
    expect(() => loadClientAddressConfig({ TRUSTED_PROXIES: '10.0.0.0/8,nginx' })).toThrow(
      /^TRUSTED_PROXIES has "nginx"; use comma-separated IP addresses or CIDR ranges/,
    );
    expect(() => loadClientAddressConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/"10\.0\.0\.0\/33"/);
    expect(() => loadClientAddressConfig({ TRUSTED_PROXY_HEADER: 'x-real-ip' })).toThrow(
      'TRUSTED_PROXY_HEADER is "x-real-ip"; use one of x-forwarded-for, forwarded',
    );
  });
});
