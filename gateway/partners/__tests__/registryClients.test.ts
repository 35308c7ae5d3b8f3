import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { registryClients, type ClientsSource } from '../registryClients.js';

const digest = (key: string) => createHash('sha256').update(key).digest('hex');
const TOKEN = 'read-token';

/** Polls `check` until it holds; fails after `attempts` looks. */
async function until(check: () => boolean, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`gave up waiting until ${what}`);
}

describe('registryClients', () => {
  let server: Server;
  let baseUrl: string;
  let answer: { status: number; body: string };
  const seen: { authorization?: string; ifNoneMatch?: string }[] = [];
  let source: ClientsSource | undefined;
  const keysOf = (...keys: string[]) =>
    JSON.stringify({
      clients: [
        {
          name: 'partner-x',
          kind: 'secret',
          policy: 'open',
          keys: keys.map((key) => ({ sha256: digest(key), expiresAt: null })),
        },
      ],
    });

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ authorization: req.headers.authorization, ifNoneMatch: req.headers['if-none-match'] });
      const etag = `"${digest(answer.body).slice(0, 16)}"`;
      if (answer.status === 200 && req.headers['if-none-match'] === etag)
        return void res.writeHead(304).end();
      res.writeHead(answer.status, { etag }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => source?.stop());
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const start = (pollIntervalMs = 20) =>
    registryClients({ baseUrl, token: TOKEN, pollIntervalMs, logger: pino({ level: 'silent' }) });

  it('reads /clients/keys with the read token, then polls with If-None-Match and takes each new list', async () => {
    answer = { status: 200, body: keysOf('first') };
    source = await start();
    expect(source.current().identify('first')).toMatchObject({ kind: 'client' });
    expect(seen[0]?.authorization).toBe(`Bearer ${TOKEN}`);
    await until(() => seen.some((request) => request.ifNoneMatch !== undefined), 'a conditional poll');
    answer = { status: 200, body: keysOf('second') };
    await until(() => source!.current().identify('second').kind === 'client', 'the new key counts');
    expect(source.current().identify('first')).toEqual({ kind: 'unknown' });
  });

  it('keeps the last good copy while the registry answers an error or something that is not a list', async () => {
    answer = { status: 200, body: keysOf('kept') };
    source = await start();
    const requests = seen.length;
    answer = { status: 503, body: '{"error":{"code":"INTERNAL_ERROR"}}' };
    await until(() => seen.length > requests + 2, 'polls while it fails');
    answer = { status: 200, body: '{"clients":[{"name":"partner-x"}]}' };
    const more = seen.length;
    await until(() => seen.length > more + 2, 'polls while the answer is malformed');
    expect(source.current().identify('kept')).toMatchObject({ kind: 'client' });
  });

  it('fails to start, naming the URL, when the registry does not answer the list', async () => {
    answer = { status: 401, body: '{"error":{"code":"UNAUTHENTICATED","message":"no"}}' };
    await expect(start()).rejects.toThrow(`${baseUrl}/clients/keys answered HTTP 401 UNAUTHENTICATED`);
  });
});
