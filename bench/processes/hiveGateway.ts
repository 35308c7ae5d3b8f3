/**
 * The Hive Gateway peer: `@graphql-hive/gateway`'s runtime on `node:http`, serving the same supergraph. Signed-in
 * requests get the identity header the subgraphs require through Hive's own header propagation (signed once per
 * client request). `--response-cache` turns on Hive's response cache with the subgraphs' policy restated in Hive's
 * terms: 30 s (the shortest public hint, inventory), nothing cached that holds `Product.inWishlist` (hint 0), `me`
 * private, entries per caller for signed-in requests, kept in Hive's in-memory LRU store.
 */
import { createGatewayRuntime } from '@graphql-hive/gateway';
import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import { createServer } from 'node:http';
import { IDENTITY_HEADER } from '../../contracts/internalIdentity.js';
import { createPeerIdentity } from './peerIdentity.js';
import { readPeerOptions } from './peerOptions.js';
import { supergraphSdl } from './supergraphSdl.js';

const options = readPeerOptions(process.argv.slice(2), process.env);
const signIdentity = createPeerIdentity(options.identity);
const signed = new WeakMap<Request, Promise<string | undefined>>();
const identityOf = (request: Request) => {
  let identity = signed.get(request);
  if (!identity) {
    identity = signIdentity(request.headers.get('authorization'));
    signed.set(request, identity);
  }
  return identity;
};

const runtime = createGatewayRuntime({
  supergraph: await supergraphSdl(options.supergraphPath, options.subgraphs),
  logging: 'warn',
  propagateHeaders: {
    async fromClientToSubgraphs({ request }) {
      const identity = await identityOf(request);
      return identity ? { [IDENTITY_HEADER]: identity } : {};
    },
  },
  ...(options.responseCache
    ? {
        // Room for every page of the rotations and the per-entity index Hive keeps next to each response.
        cache: new InMemoryLRUCache({ max: 100_000 }),
        responseCaching: {
          session: (request: Request) => request.headers.get('authorization'),
          ttl: 30_000,
          ttlPerSchemaCoordinate: { 'Product.inWishlist': 0 },
          scopePerSchemaCoordinate: { 'Query.me': 'PRIVATE' as const },
        },
      }
    : {}),
});
const server = createServer(runtime);
server.listen(options.port, '127.0.0.1');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.resolve(runtime.dispose()).then(() => process.exit(0));
  });
}
