import { readFile } from 'node:fs/promises';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFrontDoor, FRONT_DOOR_CSP } from '../createFrontDoor.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends `rawPath` exactly as given (no client-side normalisation of `..` or percent escapes). */
function get(server: Server, rawPath: string, headers: Record<string, string> = {}, method = 'GET') {
  const { port } = server.address() as AddressInfo;
  return new Promise<Answer>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The asset paths the page links to, in order. */
function assetPaths(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="(\/graphiql\/[^"]+)"/g)].map((match) => match[1]!);
}

describe('createFrontDoor', () => {
  let server: Server;

  beforeAll(async () => {
    const frontDoor = await createFrontDoor({
      operationsDir: path.join(root, 'schema/operations'),
      endpoint: '/graphql',
    });
    // What the gateway's HTTP handler does with a request the front door does not answer.
    server = createServer((req, res) => {
      if (frontDoor(req, res, new URL(req.url ?? '/', 'http://gateway'))) return;
      res.statusCode = 404;
      res.end('not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('serves the IDE page at / as HTML under a same-origin-only Content-Security-Policy', async () => {
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(FRONT_DOOR_CSP);
    expect(FRONT_DOOR_CSP).toContain("script-src 'self';");
    expect(FRONT_DOOR_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-cache');
    const references = [...page.body.matchAll(/(?:href|src)="([^"]*)"/g)].map((match) => match[1]);
    expect(
      references.filter((reference) => !/^\/graphiql\/[0-9a-f]{16}\/[\w-]+\.(js|css)$/.test(reference!)),
    ).toEqual(['data:,']);
    expect(page.body).not.toMatch(/<script>|<style|style=/);
  });

  it('opens one tab per page operation, each with its example variables', async () => {
    const page = await get(server, '/');
    const data = /<script type="application\/json" id="front-door-settings">(.*?)<\/script>/s.exec(page.body);
    const settings = JSON.parse(data![1]!) as {
      endpoint: string;
      tabs: { query: string; variables?: string }[];
    };
    expect(settings.endpoint).toBe('/graphql');
    const dir = path.join(root, 'schema/operations');
    expect(settings.tabs.map((tab) => /query (\w+)/.exec(tab.query)?.[1])).toEqual([
      'CategoryPage',
      'HomePage',
      'ProductPage',
    ]);
    expect(settings.tabs[0]!.query).toBe(await readFile(path.join(dir, 'CategoryPage.graphql'), 'utf8'));
    expect(JSON.parse(settings.tabs[0]!.variables!)).toEqual(
      JSON.parse(await readFile(path.join(dir, 'CategoryPage.variables.json'), 'utf8')),
    );
  });

  it('serves every asset the page links to with its content type, cached for good under a versioned path', async () => {
    const paths = assetPaths((await get(server, '/')).body);
    expect(paths.map((asset) => path.basename(asset))).toEqual([
      'graphiql.css',
      'frontDoor.css',
      'react.js',
      'react-dom.js',
      'graphiql.js',
      'frontDoor.js',
    ]);
    for (const asset of paths) {
      const answer = await get(server, asset);
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe(
        asset.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
      );
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
    }
    const graphiql = await get(
      server,
      paths.find((asset) => asset.endsWith('/graphiql.js'))!,
    );
    expect(graphiql.body).toContain('createFetcher');
  });

  it('shows a browser that opens the endpoint the IDE, and leaves operations sent by GET to Apollo Server', async () => {
    const visit = await get(server, '/graphql', { accept: 'text/html,application/xhtml+xml' });
    expect(visit.status).toBe(200);
    expect(visit.body).toContain('id="front-door-settings"');
    expect((await get(server, '/graphql?query=%7B__typename%7D', { accept: 'text/html' })).status).toBe(404);
    expect((await get(server, '/graphql', { accept: 'application/json' })).status).toBe(404);
    expect((await get(server, '/', {}, 'POST')).status).toBe(404);
  });

  it('answers HEAD with the headers and no body', async () => {
    const answer = await get(server, '/', {}, 'HEAD');
    expect(answer.status).toBe(200);
    expect(Number(answer.headers['content-length'])).toBeGreaterThan(500);
    expect(answer.body).toBe('');
  });

  it('does not answer unknown assets, other versions, or paths that climb out of the asset folder', async () => {
    const [css] = assetPaths((await get(server, '/')).body);
    const versioned = path.posix.dirname(css!);
    for (const probe of [
      `${versioned}/missing.js`,
      `${versioned}/`,
      '/graphiql/0000000000000000/graphiql.js',
      `${versioned}/../../package.json`,
      `${versioned}/..%2f..%2f..%2fpackage.json`,
      `${versioned}/%2e%2e/%2e%2e/%2e%2e/package.json`,
      `${versioned}/..%5c..%5c..%5cpackage.json`,
      '/graphiql/../gateway/config.ts',
      `${versioned}/static/frontDoor.js`,
    ]) {
      const answer = await get(server, probe);
      expect({ probe, status: answer.status, body: answer.body }).toEqual({
        probe,
        status: 404,
        body: 'not found',
      });
    }
  });
});
