import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEVELOPMENT_INTERNAL_SECRET,
  IDENTITY_HEADER,
  verifyInternalIdentity,
} from '../../contracts/internalIdentity.js';
import { composeSupergraph } from '../../registry/check/composeSupergraph.js';
import { serveForTest } from '../../subgraphs/shared/testing/serveForTest.js';
import { pricing } from '../../subgraphs/pricing/index.js';
import { loadSubgraphSchemas } from '../lib/loadSubgraphSchemas.js';
import { readSupergraphConfig, type SubgraphConfig } from '../lib/readSupergraphConfig.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const running = serveForTest(pricing);

/** A server answering `{ _service { sdl } }` with `sdl`, recording the headers of each request. */
async function fakeSubgraph(
  sdl: string,
): Promise<{ url: string; headers: IncomingHttpHeaders[]; server: Server }> {
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((request, response) => {
    headers.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ data: { _service: { sdl } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, headers, server };
}

describe('loadSubgraphSchemas', () => {
  it('composes the same supergraph with pricing introspected from its running server as from its file', async () => {
    const config = await readSupergraphConfig(path.join(root, 'supergraph.yaml'));
    const introspected = config.subgraphs.map((subgraph): SubgraphConfig =>
      subgraph.name === 'pricing'
        ? { ...subgraph, schema: { kind: 'subgraph_url', url: running.url, headers: {} } }
        : subgraph,
    );
    const subgraphs = await loadSubgraphSchemas(introspected, { secret: DEVELOPMENT_INTERNAL_SECRET });
    expect(subgraphs.find((subgraph) => subgraph.name === 'pricing')?.sdl).toContain('type Promotion');
    const composition = composeSupergraph(subgraphs);
    expect(composition.ok && composition.supergraphSdl).toBe(
      await readFile(path.join(root, 'schema', 'supergraph.graphql'), 'utf8'),
    );
  });

  it('asks with the internal identity and the introspection headers', async () => {
    const fake = await fakeSubgraph('type Query { a: Int }');
    try {
      const [subgraph] = await loadSubgraphSchemas(
        [
          {
            name: 'alpha',
            routingUrl: 'http://alpha',
            schema: { kind: 'subgraph_url', url: fake.url, headers: { 'x-team': 'a' } },
          },
        ],
        { secret: DEVELOPMENT_INTERNAL_SECRET },
      );
      expect(subgraph).toEqual({ name: 'alpha', url: 'http://alpha', sdl: 'type Query { a: Int }' });
      expect(fake.headers[0]?.['x-team']).toBe('a');
      const identity = await verifyInternalIdentity(
        String(fake.headers[0]?.[IDENTITY_HEADER]),
        DEVELOPMENT_INTERNAL_SECRET,
      );
      expect(identity.viewer).toEqual({ customerId: 'service:schema-reader', segment: null, roles: [] });
    } finally {
      fake.server.close();
    }
  });

  it('uses a replacement SDL instead of the source, and names the subgraph it cannot reach', async () => {
    const unreachable: SubgraphConfig = {
      name: 'gone',
      routingUrl: 'http://gone',
      schema: { kind: 'subgraph_url', url: 'http://127.0.0.1:1/graphql', headers: {} },
    };
    const options = { secret: DEVELOPMENT_INTERNAL_SECRET };
    await expect(loadSubgraphSchemas([unreachable], options)).rejects.toThrow(
      /^subgraph gone: http:\/\/127\.0\.0\.1:1\/graphql: cannot read the subgraph's SDL/,
    );
    const replaced = await loadSubgraphSchemas([unreachable], {
      ...options,
      replacements: { gone: 'type Query { b: Int }' },
    });
    expect(replaced[0]?.sdl).toBe('type Query { b: Int }');
  });
});
