import { readFile } from 'node:fs/promises';
import {
  startTestRegistry,
  TEST_TOKENS,
  type TestRegistry,
} from '../registry/__tests__/support/startTestRegistry.js';
import { startBookshelf, type Bookshelf } from './support/bookshelf.js';
import { startGatewayAlone, type GatewayAlone } from './support/gatewayAlone.js';

/** Polls `check` until it holds; fails after `attempts` looks (25 ms apart, the gateway polling every 50 ms). */
async function until(check: () => Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('two gateways recognising the clients of the schema registry', () => {
  let bookshelf: Bookshelf;
  let registry: TestRegistry;
  let gateways: GatewayAlone[];
  let registryStopped = false;

  /** A free query sent with `key` as x-api-key to each gateway: the HTTP status and the first error's code. */
  function call(key: string): Promise<{ status: number; code?: string }[]> {
    return Promise.all(
      gateways.map(async (gateway) => {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-api-key': key },
          body: JSON.stringify({ query: '{ books { id } }' }),
        });
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        const code = body.errors?.[0]?.extensions?.code;
        return { status: response.status, ...(code ? { code } : {}) };
      }),
    );
  }
  const both = <T>(answer: T) => [answer, answer];
  const UNKNOWN = both({ status: 401, code: 'UNAUTHENTICATED' });
  const accepted = async (key: string) => (await call(key)).every((answer) => answer.status === 200);
  const refused = async (key: string) => (await call(key)).every((answer) => answer.status === 401);
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await registry.request(method, path, body === undefined ? {} : { body });
    expect(response.status).toBeLessThan(300);
    return response.body as T;
  };
  const createClient = async (name: string, policy = 'open') =>
    (await admin<{ key: string }>('POST', '/clients', { name, kind: 'secret', policy })).key;
  const rotate = async (name: string, overlapSeconds: number) =>
    (await admin<{ key: string }>('POST', `/clients/${name}/keys`, { overlapSeconds })).key;

  beforeAll(async () => {
    [bookshelf, registry] = await Promise.all([startBookshelf(), startTestRegistry()]);
    const sdl = await readFile(new URL('./fixtures/bookshelf/schema.graphql', import.meta.url), 'utf8');
    await admin('POST', '/publish', {
      subgraphs: [{ name: 'bookshelf', url: bookshelf.url, sdl }],
      author: 'ada@example.com',
    });
    const env = {
      REGISTRY_URL: registry.url,
      REGISTRY_TOKEN: TEST_TOKENS.read,
      SUPERGRAPH_POLL_INTERVAL_MS: '50',
    };
    gateways = await Promise.all([startGatewayAlone(env), startGatewayAlone(env)]);
  });
  afterAll(async () => {
    await Promise.all((gateways ?? []).map((gateway) => gateway.stop()));
    if (!registryStopped) await registry?.stop();
    await bookshelf?.stop();
  });

  it('accepts a new client within one poll, without a restart, and with the policy the registry gives it', async () => {
    expect(await call('not-a-key')).toEqual(UNKNOWN);
    const key = await createClient('partner-x');
    await until(() => accepted(key), 'partner-x is accepted');
    const persistedOnly = await createClient('partner-p', 'persisted-only');
    await until(
      async () => (await call(persistedOnly)).every(({ status }) => status !== 401),
      'both gateways know partner-p',
    );
    expect(await call(persistedOnly)).toEqual(both({ status: 400, code: 'PERSISTED_QUERY_REQUIRED' }));
  });

  it('accepts the old and the new key during a rotation overlap, and only the new one after a rotation without', async () => {
    const first = await createClient('partner-r');
    await until(() => accepted(first), 'the first key is accepted');
    const second = await rotate('partner-r', 3600);
    await until(() => accepted(second), 'the second key is accepted');
    expect(await accepted(first)).toBe(true);
    const third = await rotate('partner-r', 0);
    await until(() => accepted(third), 'the third key is accepted');
    expect(await call(first)).toEqual(UNKNOWN);
    expect(await call(second)).toEqual(UNKNOWN);
  });

  it('refuses every key of a revoked client within one poll', async () => {
    const key = await createClient('partner-v');
    await until(() => accepted(key), 'partner-v is accepted');
    await admin('POST', '/clients/partner-v/revoke');
    await until(() => refused(key), 'partner-v is refused by both gateways');
    expect(await call(key)).toEqual(UNKNOWN);
  });

  it('keeps the last good copy while the registry is down', async () => {
    const key = await createClient('partner-d');
    await until(() => accepted(key), 'partner-d is accepted');
    await registry.stop();
    registryStopped = true;
    await until(
      async () =>
        gateways.every((gateway) =>
          gateway.logged.some((line) => line.msg === 'clients unreadable; keeping the last copy'),
        ),
      'both gateways find the registry down',
    );
    expect(await call(key)).toEqual(both({ status: 200 }));
  });
});
