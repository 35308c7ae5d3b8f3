import { executeSync, graphql, isObjectType, parse, type ExecutionResult } from 'graphql';
import { allow, type IRules } from 'graphql-shield';
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Viewer } from '../../../contracts/requestContext.js';
import { entityTypeNames } from '../cacheReporter.js';
import { createSubgraphSchema } from '../createSubgraphSchema.js';
import { BadUserInputError } from '../errors.js';
import { isAdmin, isOwnerOrAdmin } from '../rules.js';
import type { Subgraph } from '../Subgraph.js';
import { fieldsWithoutRule } from '../testing/fieldsWithoutRule.js';
import { serveForTest } from '../testing/serveForTest.js';
import { errorCodes } from '../testing/subgraphHarness.js';

// A subgraph made for these tests: `unruled` has no rule, `Note.text` belongs to the note's owner.
type Note = { id: number; owner: string; text: string };
const NOTES: Note[] = [
  { id: 1, owner: '7', text: 'seven' },
  { id: 2, owner: '8', text: 'eight' },
];
let unruledCalls = 0;
const permissions = {
  Query: { open: allow, broken: allow, notes: allow, _service: allow, _entities: allow },
  Mutation: { purge: isAdmin },
  Note: { id: allow, owner: allow, text: isOwnerOrAdmin('isNoteOwnerOrAdmin', (note: Note) => note.owner) },
  _Service: { sdl: allow },
} satisfies IRules;
const fixture = (migrationsDir: string, rules: IRules = permissions): Subgraph<null> => ({
  name: 'fixture',
  typeDefs: parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.11", import: ["@key"])
    type Query { open: String, unruled: String, broken: String, notes: [Note!]! }
    type Mutation { purge: Boolean }
    type Note @key(fields: "id") { id: ID! owner: ID! text: String }
  `),
  resolvers: {
    Query: {
      open: () => 'open',
      unruled: () => {
        unruledCalls += 1;
        return 'secret';
      },
      broken: () => {
        throw new BadUserInputError('Broken on purpose.', 'broken');
      },
      notes: () => NOTES,
    },
    Mutation: { purge: () => true },
    Note: { __resolveReference: (ref: { id: string }) => NOTES.find((note) => String(note.id) === ref.id) },
  },
  permissions: rules,
  createLoaders: () => null,
  migrationsDir,
  seed: async () => {},
});

const viewer = (customerId: string, roles: string[] = []): Viewer => ({ customerId, segment: null, roles });

// The fixture has no tables: an empty folder of migrations, removed once the subgraph has stopped.
const migrationsDir = mkdtempSync(path.join(tmpdir(), 'fixture-migrations-'));
const subgraph = serveForTest(fixture(migrationsDir) as Subgraph);
afterAll(() => rm(migrationsDir, { recursive: true, force: true }));

describe('createSubgraphSchema', () => {
  it('denies a field without a rule with FORBIDDEN before its resolver runs, telling nothing of shield', async () => {
    for (const who of [null, viewer('1', ['admin'])]) {
      const response = await subgraph.request('{ open unruled }', undefined, { viewer: who });
      expect(response.data).toEqual({ open: 'open', unruled: null });
      expect(response.errors).toHaveLength(1);
      expect(response.errors?.[0]).toMatchObject({ message: 'Not allowed.', path: ['unruled'] });
      // The code and nothing else: no stack trace, no INTERNAL_SERVER_ERROR.
      expect(response.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
      expect(JSON.stringify(response)).not.toMatch(/shield|stack|node_modules|\.ts:|\.js:/i);
    }
    expect(unruledCalls).toBe(0);
  });

  it('answers _service { sdl } to the gateway', async () => {
    const response = await subgraph.request<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(response.errors).toBeUndefined();
    expect(response.data?._service.sdl).toMatch(/type Note\s+@key\(fields: "id"\)/);
  });

  it('decides a rule that reads the parent for each item of a list, never reusing another item’s answer', async () => {
    const notes = (who: Viewer) => subgraph.request('{ notes { id text } }', undefined, { viewer: who });
    const seven = await notes(viewer('7'));
    expect(seven.data).toEqual({
      notes: [
        { id: '1', text: 'seven' },
        { id: '2', text: null },
      ],
    });
    expect(seven.errors?.map((error) => [error.path, error.extensions?.['code']])).toEqual([
      [['notes', 1, 'text'], 'FORBIDDEN'],
    ]);
    // The other way round: the first item is refused and the second answered.
    const eight = await notes(viewer('8'));
    expect(eight.data).toEqual({
      notes: [
        { id: '1', text: null },
        { id: '2', text: 'eight' },
      ],
    });
    expect(eight.errors?.map((error) => error.path)).toEqual([['notes', 0, 'text']]);
    expect(await notes(viewer('9', ['admin']))).toEqual({
      data: {
        notes: [
          { id: '1', text: 'seven' },
          { id: '2', text: 'eight' },
        ],
      },
    });
  });

  it('asks anonymous callers to sign in where signing in would help', async () => {
    expect(errorCodes(await subgraph.request('{ notes { text } }'))).toEqual([
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
  });

  it('keeps the admin rule: UNAUTHENTICATED anonymous, FORBIDDEN for a customer, answered for an admin', async () => {
    const purge = (who: Viewer | null) => subgraph.request('mutation { purge }', undefined, { viewer: who });
    expect(errorCodes(await purge(null))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await purge(viewer('7')))).toEqual(['FORBIDDEN']);
    expect(await purge(viewer('7', ['admin']))).toEqual({ data: { purge: true } });
  });

  it('lets errors thrown by resolvers through with their own code', async () => {
    const { errors } = await subgraph.request('{ broken }');
    expect(errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'broken' });
  });

  it('keeps the entity types the cache reporter tags answers with', async () => {
    const schema = createSubgraphSchema(fixture(migrationsDir) as Subgraph);
    expect([...entityTypeNames(schema)]).toEqual(['Note']);
    const { body } = await subgraph.requestRaw(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Note { text } } }',
      { r: [{ __typename: 'Note', id: '1' }] },
      { viewer: viewer('7') },
    );
    expect(body.data).toEqual({ _entities: [{ text: 'seven' }] });
    expect(body.extensions?.['cacheTags']).toEqual(['Note:1', 'Viewer:7']);
  });

  it('resolves allow fields without shield, and keeps shield on unruled fields and every other rule', async () => {
    const schema = createSubgraphSchema(fixture(migrationsDir) as Subgraph);
    const contextValue = (who: Viewer | null) => ({ request: { viewer: who } });
    const codesOf = (result: ExecutionResult) =>
      (result.errors ?? []).map((error) => error.extensions['code']);
    // Shield's middleware is async: a query of allow fields alone completes synchronously only without it.
    const allowed = executeSync({ schema, document: parse('{ open notes { id owner } }'), contextValue: {} });
    expect(allowed).toEqual({
      data: {
        open: 'open',
        notes: [
          { id: '1', owner: '7' },
          { id: '2', owner: '8' },
        ],
      },
    });
    // A field without a rule is still denied by the fallback, before its resolver runs.
    const calls = unruledCalls;
    const unruled = await graphql({ schema, source: '{ open unruled }', contextValue: contextValue(null) });
    expect(unruled.data).toEqual({ open: 'open', unruled: null });
    expect(codesOf(unruled)).toEqual(['FORBIDDEN']);
    expect(unruledCalls).toBe(calls);
    // Other rules still decide: the admin rule and the owner rule, which reads each parent.
    const purge = (who: Viewer | null) =>
      graphql({ schema, source: 'mutation { purge }', contextValue: contextValue(who) });
    expect(codesOf(await purge(viewer('7')))).toEqual(['FORBIDDEN']);
    expect((await purge(viewer('7', ['admin']))).data).toEqual({ purge: true });
    const notes = await graphql({
      schema,
      source: '{ notes { text } }',
      contextValue: contextValue(viewer('8')),
    });
    expect(notes.data).toEqual({ notes: [{ text: null }, { text: 'eight' }] });
    expect(codesOf(notes)).toEqual(['FORBIDDEN']);
  });

  it('refuses, at start-up, a rule for a field the schema does not have', () => {
    const stale = { ...permissions, Note: { ...permissions.Note, title: allow } };
    expect(() => createSubgraphSchema(fixture(migrationsDir, stale) as Subgraph)).toThrow(/Note\.title/);
  });
});

describe('fieldsWithoutRule', () => {
  it('names each field only the fallback guards', () => {
    const schema = createSubgraphSchema(fixture(migrationsDir) as Subgraph);
    expect(fieldsWithoutRule(schema, permissions)).toEqual(['Query.unruled']);
    const type = schema.getType('Note');
    expect(isObjectType(type) && Object.keys(type.getFields())).toEqual(['id', 'owner', 'text']);
    const { text: _text, ...withoutText } = permissions.Note;
    expect(fieldsWithoutRule(schema, { ...permissions, Note: withoutText })).toEqual([
      'Query.unruled',
      'Note.text',
    ]);
  });
});
