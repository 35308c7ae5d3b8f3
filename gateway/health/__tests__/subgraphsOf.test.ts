import { readFile } from 'node:fs/promises';
import { subgraphsOf } from '../subgraphsOf.js';

describe('subgraphsOf', () => {
  it('lists every subgraph of the supergraph with its routing URL', async () => {
    const sdl = await readFile('schema/supergraph.graphql', 'utf8');
    expect(subgraphsOf(sdl)).toEqual({
      catalog: 'http://127.0.0.1:4001/graphql',
      inventory: 'http://127.0.0.1:4002/graphql',
      pricing: 'http://127.0.0.1:4003/graphql',
      customer: 'http://127.0.0.1:4004/graphql',
      content: 'http://127.0.0.1:4005/graphql',
    });
  });

  it('finds none in a schema that is not a supergraph', () => {
    expect(subgraphsOf('type Query { hello: String }')).toEqual({});
  });
});
