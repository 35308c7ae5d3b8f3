import { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql, parse, type GraphQLSchema } from 'graphql';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IDENTITY_HEADER, verifyInternalIdentity } from '../../../contracts/internalIdentity.js';

/** A subgraph served over HTTP for a test: it answers `{ _service { sdl } }` with the SDL last deployed. */
export interface TestSubgraph {
  /** Its routing URL (`http://127.0.0.1:<port>/graphql`). */
  url: string;
  /** Serves `sdl` from now on, as a deploy of a new build would. */
  deploy(sdl: string): void;
  /** How many requests carried an identity header signed with the secret it was given. */
  verifiedRequests(): number;
  close(): Promise<void>;
}

/**
 * Serves `sdl` as an `@apollo/subgraph` schema on `node:http`, at 127.0.0.1 and a free port. Like the project's
 * subgraphs, a request whose identity header does not verify with `secret` is answered 401; one without the header
 * is anonymous.
 */
export async function serveTestSubgraph(sdl: string, secret: string): Promise<TestSubgraph> {
  let schema: GraphQLSchema = buildSubgraphSchema({ typeDefs: parse(sdl) });
  let verified = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const identity = req.headers[IDENTITY_HEADER];
        if (typeof identity === 'string') {
          try {
            await verifyInternalIdentity(identity, secret);
            verified += 1;
          } catch {
            res
              .writeHead(401, { 'content-type': 'application/json' })
              .end('{"errors":[{"message":"bad identity"}]}');
            return;
          }
        }
        const { query } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string };
        const result = await graphql({ schema, source: query });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    deploy(next) {
      schema = buildSubgraphSchema({ typeDefs: parse(next) });
    },
    verifiedRequests: () => verified,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
