import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { graphql, parse } from 'graphql';

const BOOKS = [
  { id: '1', title: 'The Left Hand of Darkness', author: 'Ursula K. Le Guin' },
  { id: '2', title: 'Kindred', author: 'Octavia E. Butler' },
];

/** The bookshelf fixture subgraph, running: its URL, supergraphs composed from it, and a way to stop it. */
export interface Bookshelf {
  url: string;
  /**
   * A supergraph of the bookshelf alone, composed with `@apollo/composition`, routed to `url`; `without` leaves
   * fields of `Book` out of the SDL, as a supergraph published before the subgraph's newer fields would.
   */
  supergraph(without?: readonly string[]): string;
  stop(): Promise<void>;
}

/**
 * Starts `tests/fixtures/bookshelf` on a free port: a graph that is not this repository's, answering GraphQL over
 * POST (federation's `_service` and `_entities` included) and 200 on `/health/ready`.
 */
export async function startBookshelf(): Promise<Bookshelf> {
  const sdl = await readFile(new URL('../fixtures/bookshelf/schema.graphql', import.meta.url), 'utf8');
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Query: {
        books: () => BOOKS,
        book: (_: unknown, { id }: { id: string }) => BOOKS.find((b) => b.id === id),
      },
      Book: { __resolveReference: ({ id }: { id: string }) => BOOKS.find((book) => book.id === id) },
    },
  });
  const server = createServer((req, res) => {
    if (req.url === '/health/ready') return void res.writeHead(200).end('{"status":"ready"}');
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      void graphql({ schema, source: query, variableValues: variables ?? {} }).then((result) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    supergraph(without = []) {
      const published = without.reduce(
        (text, field) => text.replace(new RegExp(`\\n\\s*${field}:[^\\n]*`), ''),
        sdl,
      );
      const result = composeServices([{ name: 'bookshelf', url, typeDefs: parse(published) }]);
      if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
      return result.supergraphSdl;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
