import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { startForwardingProxy, type ForwardingProxy } from './support/forwardingProxy.js';
import { startStack, type Stack } from './support/stack.js';

/**
 * The client's address behind a proxy: a gateway that trusts the proxy in front (127.0.0.1) counts each client
 * the proxy forwards for (clients on 127.0.0.2, 127.0.0.3, ...) on its own, and a gateway that does not trust its
 * peer ignores whatever address the peer claims.
 */

let stack: Stack;
let proxy: ForwardingProxy;
const proxies: ForwardingProxy[] = [];

/** Small budgets, so that a few requests reach them. */
const LIMITS = { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_ANONYMOUS: '5' };
const QUERY = { query: '{ departments { id } }' };
/** The public storefront key of `config/clients.json`. */
const PUBLIC_KEY = { 'x-api-key': 'dev-storefront-key' };

/** A gateway of its own (its own budgets) with `env`, trusting the proxy in front of it; answers the proxy. */
async function gatewayBehindProxy(env: NodeJS.ProcessEnv): Promise<ForwardingProxy> {
  const gateway = await stack.startGateway({ ...env, TRUSTED_PROXIES: '127.0.0.1' });
  const started = await startForwardingProxy(gateway.url);
  proxies.push(started);
  return started;
}

beforeAll(async () => {
  stack = await startStack({ RATE_LIMIT_ENABLED: 'false' });
  proxy = await gatewayBehindProxy(LIMITS);
});

afterAll(async () => {
  await Promise.all(proxies.map((started) => started.close()));
  await stack?.stop();
});

/** POSTs `body` as JSON to `url` from the local address `from`; answers the HTTP status. */
function postFrom(
  url: string,
  from: string,
  body: object,
  headers: Record<string, string> = {},
): Promise<number> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      localAddress: from,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode ?? 0));
    });
    req.end(text);
  });
}

/** The statuses of `times` requests in a row. */
async function statuses(times: number, send: () => Promise<number>): Promise<number[]> {
  const answered: number[] = [];
  for (let attempt = 0; attempt < times; attempt++) answered.push(await send());
  return answered;
}

const OK_THEN_REFUSED = [200, 200, 200, 200, 200, 429];

describe('client address behind a trusted proxy', () => {
  it('gives two clients the proxy forwards for a budget each', async () => {
    expect(await statuses(6, () => postFrom(proxy.url, '127.0.0.2', QUERY))).toEqual(OK_THEN_REFUSED);
    expect(await statuses(6, () => postFrom(proxy.url, '127.0.0.3', QUERY))).toEqual(OK_THEN_REFUSED);
  });

  it('gives a client that sends its own X-Forwarded-For through the proxy no second budget', async () => {
    expect(await statuses(5, () => postFrom(proxy.url, '127.0.0.4', QUERY))).toEqual([
      200, 200, 200, 200, 200,
    ]);
    const spoofs = ['198.51.100.1', '198.51.100.2', '127.0.0.1'].map((forged) =>
      postFrom(proxy.url, '127.0.0.4', QUERY, { 'x-forwarded-for': forged }),
    );
    expect(await Promise.all(spoofs)).toEqual([429, 429, 429]);
  });

  it('counts an address with and without the public storefront key in one budget', async () => {
    const keyed = await gatewayBehindProxy(LIMITS);
    expect(await statuses(5, () => postFrom(keyed.url, '127.0.0.5', QUERY))).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect(await postFrom(keyed.url, '127.0.0.5', QUERY, PUBLIC_KEY)).toBe(429);
    // And the other way round: the key first, then without it.
    expect(await statuses(5, () => postFrom(keyed.url, '127.0.0.6', QUERY, PUBLIC_KEY))).toEqual([
      200, 200, 200, 200, 200,
    ]);
    expect(await postFrom(keyed.url, '127.0.0.6', QUERY)).toBe(429);
  });

  it("charges automatic persisted queries to the forwarded client's byte budget", async () => {
    const apqProxy = await gatewayBehindProxy({ APQ_MAX_BYTES: '256', APQ_BUDGET_BYTES_PER_HOUR: '256' });
    // Documents of about 150 bytes each: one fits a 256-byte budget, two do not.
    const registration = (n: number) => {
      const fields = Array.from({ length: 6 }, (_, i) => `d${i}: departments { id }`).join(' ');
      const query = `query Registered${n} { ${fields} }`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      return { query, extensions: { persistedQuery: { version: 1, sha256Hash } } };
    };
    expect(await postFrom(apqProxy.url, '127.0.0.7', registration(1))).toBe(200);
    expect(await postFrom(apqProxy.url, '127.0.0.7', registration(2))).toBe(429);
    expect(await postFrom(apqProxy.url, '127.0.0.7', registration(2), PUBLIC_KEY)).toBe(429);
    expect(await postFrom(apqProxy.url, '127.0.0.8', registration(3))).toBe(200);
  });
});

describe('client address from an untrusted peer', () => {
  const spoofs: Record<string, string>[] = [
    { 'x-forwarded-for': '198.51.100.1' },
    { 'x-forwarded-for': '198.51.100.2, 10.0.0.1' },
    { forwarded: 'for=198.51.100.3' },
    { forwarded: 'for="[2001:db8::1]:4711", for=10.0.0.1' },
  ];

  it.each(['x-forwarded-for', 'forwarded'])(
    'ignores forwarding headers (reading %s): spoofed addresses get no budget',
    async (header) => {
      const direct = await stack.startGateway({
        ...LIMITS,
        TRUSTED_PROXIES: '10.0.0.0/8',
        TRUSTED_PROXY_HEADER: header,
      });
      expect(await statuses(5, () => postFrom(direct.url, '127.0.0.9', QUERY))).toEqual([
        200, 200, 200, 200, 200,
      ]);
      const answers = spoofs.map((headers) => postFrom(direct.url, '127.0.0.9', QUERY, headers));
      expect(await Promise.all(answers)).toEqual([429, 429, 429, 429]);
    },
  );
});
