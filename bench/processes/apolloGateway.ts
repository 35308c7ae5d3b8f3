/**
 * The plain peer: `@apollo/gateway` inside `@apollo/server`'s standalone server, no plugins, in front of the same
 * subgraphs. `--response-cache` adds `@apollo/server-plugin-response-cache` (per caller for signed-in requests). The
 * only additions are the identity hook the subgraphs require for signed-in requests (see peerIdentity.ts) and
 * Node's own fetch for subgraph requests.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { startStandaloneServer } from '@apollo/server/standalone';
import { IDENTITY_HEADER } from '../../contracts/internalIdentity.js';
import { createPeerIdentity } from './peerIdentity.js';
import { readPeerOptions } from './peerOptions.js';
import { supergraphSdl } from './supergraphSdl.js';

interface PeerContext {
  authorization: string | undefined;
  identity: string | undefined;
}

class IdentityDataSource extends RemoteGraphQLDataSource<PeerContext> {
  override willSendRequest({
    request,
    context,
  }: Parameters<RemoteGraphQLDataSource<PeerContext>['willSendRequest'] & {}>[0]): void {
    if (context.identity) request.http?.headers.set(IDENTITY_HEADER, context.identity);
  }
}

type Fetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;

/** Node's own fetch (undici) for subgraph requests; the gateway sends JSON text bodies. */
const fetcher: Fetcher = (url, init) =>
  fetch(url, { ...init, body: init?.body === undefined ? undefined : String(init.body) });

const options = readPeerOptions(process.argv.slice(2), process.env);
const signIdentity = createPeerIdentity(options.identity);
const server = new ApolloServer<PeerContext>({
  gateway: new ApolloGateway({
    supergraphSdl: await supergraphSdl(options.supergraphPath, options.subgraphs),
    // Node's own fetch, as this gateway uses undici too: it honours the subgraph servers' keep-alive timeout, where
    // the default fetcher reuses sockets they have just closed ("socket hang up" after a few idle seconds).
    buildService: ({ url }) => new IdentityDataSource({ url, fetcher }),
  }),
  plugins: options.responseCache
    ? [
        responseCachePlugin<PeerContext>({
          sessionId: async ({ contextValue }) => contextValue.authorization ?? null,
        }),
      ]
    : [],
});
await startStandaloneServer(server, {
  listen: { port: options.port, host: '127.0.0.1' },
  async context({ req }) {
    const authorization = req.headers.authorization;
    return { authorization, identity: await signIdentity(authorization) };
  },
});
