import { parse } from 'graphql';
import { allow } from 'graphql-shield';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Viewer } from '../../../contracts/requestContext.js';
import type { Subgraph, SubgraphContext } from '../Subgraph.js';
import { serveForTest } from '../testing/serveForTest.js';

// A subgraph made for these tests: each root field reads one dimension of the context, `Item` is an entity
// with two keys, `Thing` has an id but is no entity.
const ITEMS = [
  { id: 1, code: 'one' },
  { id: 2, code: 'two' },
];
type Context = SubgraphContext<null>;
const fixture = (migrationsDir: string): Subgraph<null> => ({
  name: 'fixture',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])
    type Query {
      nothing: String
      greeting: String
      price: String
      banner: String
      whoami: String
      items: [Item!]!
      things: [Thing!]!
    }
    type Mutation { touch(id: ID!): Boolean }
    type Item @key(fields: "id") @key(fields: "code") { id: ID! code: String! }
    type Thing { id: ID! }
  `),
  resolvers: {
    Query: {
      nothing: () => 'none',
      greeting: (_root: unknown, _args: unknown, { request }: Context) => `hello ${request.locale}`,
      price: (_root: unknown, _args: unknown, { request }: Context) => `9.99 ${request.currency}`,
      banner: (_root: unknown, _args: unknown, { request }: Context) => request.segment,
      whoami: (_root: unknown, _args: unknown, { request }: Context) => request.viewer?.customerId ?? null,
      items: () => ITEMS,
      things: () => [{ id: 9 }],
    },
    Mutation: {
      touch(_root: unknown, { id }: { id: string }, { invalidate }: Context) {
        invalidate(`Item:${id}`, `Item:${id}`, 'Thing:9');
        return true;
      },
    },
    Item: {
      __resolveReference: (ref: { id?: string; code?: string }) =>
        ITEMS.find((item) => String(item.id) === ref.id || item.code === ref.code) ?? null,
    },
  },
  // Open throughout: these tests are about what resolvers read, and `allow` reads nothing.
  permissions: {
    Query: {
      nothing: allow,
      greeting: allow,
      price: allow,
      banner: allow,
      whoami: allow,
      items: allow,
      things: allow,
      _entities: allow,
      _service: allow,
    },
    Mutation: { touch: allow },
    Item: { id: allow, code: allow },
    Thing: { id: allow },
    _Service: { sdl: allow },
  },
  createLoaders: () => null,
  migrationsDir,
  seed: async () => {},
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Item { code } } }`;
const viewer: Viewer = { customerId: '7', segment: 'vip', roles: [] };

// The fixture has no tables: an empty folder of migrations, removed once the subgraph has stopped.
const migrationsDir = mkdtempSync(path.join(tmpdir(), 'fixture-migrations-'));
const subgraph = serveForTest(fixture(migrationsDir) as Subgraph);
afterAll(() => rm(migrationsDir, { recursive: true, force: true }));

const vary = async (query: string, context = {}) =>
  (await subgraph.requestRaw(query, undefined, context)).headers.get('x-commerce-vary');
const extensions = async (query: string, variables?: Record<string, unknown>, context = {}) =>
  (await subgraph.requestRaw(query, variables, context)).body.extensions;

describe('cacheReporter', () => {
  describe('vary header', () => {
    it('is absent when the answer read nothing of the context', async () => {
      expect(await vary('{ nothing items { id } }', { viewer })).toBeNull();
    });

    it('names the one dimension read: currency counts as market', async () => {
      expect(await vary('{ greeting }')).toBe('locale');
      expect(await vary('{ price }')).toBe('market');
      expect(await vary('{ banner }', { viewer })).toBe('segment');
      expect(await vary('{ whoami }')).toBe('viewer');
    });

    it('lists several dimensions in VARY_DIMENSIONS order, whatever order they were read in', async () => {
      expect(await vary('{ whoami banner price greeting }', { viewer })).toBe(
        'locale, market, segment, viewer',
      );
    });
  });

  describe('segment', () => {
    it('reaches resolvers from the segment header of a signed-in viewer', async () => {
      const response = await subgraph.request<{ banner: string | null }>('{ banner }', undefined, { viewer });
      expect(response.data?.banner).toBe('vip');
    });

    it('is null when a segment header comes without a viewer', async () => {
      const response = await fetch(subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-commerce-segment': 'vip' },
        body: JSON.stringify({ query: '{ banner }' }),
      });
      expect(await response.json()).toEqual({ data: { banner: null } });
    });
  });

  describe('cacheTags', () => {
    it('tags every entity object a field resolved on, once each, and no object that is not an entity', async () => {
      expect(await extensions('{ items { id code } again: items { id } things { id } }')).toEqual({
        cacheTags: ['Item:1', 'Item:2'],
      });
    });

    it('tags every _entities representation by id, resolved or not', async () => {
      const r = [
        { __typename: 'Item', id: '2' },
        { __typename: 'Item', id: '404' },
      ];
      expect((await extensions(ENTITIES, { r }))?.cacheTags).toEqual(['Item:2', 'Item:404']);
    });

    it('tags a representation by another key with the id of the entity it resolves to', async () => {
      const r = [{ __typename: 'Item', code: 'one' }];
      expect((await extensions(ENTITIES, { r }))?.cacheTags).toEqual(['Item:1']);
    });

    it('adds the viewer tag when the answer read the viewer and there is one', async () => {
      expect(await extensions('{ whoami }', undefined, { viewer })).toEqual({ cacheTags: ['Viewer:7'] });
      expect(await extensions('{ whoami }')).toBeUndefined();
      expect(await extensions('{ greeting }', undefined, { viewer })).toBeUndefined();
    });
  });

  describe('invalidatesTags', () => {
    it('lists the tags a mutation declared, without repeats', async () => {
      expect(await extensions('mutation { touch(id: "2") }')).toEqual({
        invalidatesTags: ['Item:2', 'Thing:9'],
      });
    });

    it('is absent from an answer that changed nothing', async () => {
      expect(await extensions('{ items { id } }')).not.toHaveProperty('invalidatesTags');
    });
  });
});
