import { buildSchema } from 'graphql';
import type { IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, deny, type IRules } from 'graphql-shield';
import { isAdmin, isSignedIn } from '../rules.js';
import { shieldMiddleware } from '../shieldMiddleware.js';

const schema = buildSchema(`
  type Query { open: String, admin: String, unruled: String }
  type Mutation { purge: Boolean, reset: Boolean }
  type Public { a: String, b: String }
  type Open { a: String, b: String }
  type Closed { a: String, b: String }
  type Partial { a: String, b: String }
  type Unlisted { a: String }
`);

/** The guarded fields of a middleware map, as `Type.field`. */
const guardedFields = (middleware: IMiddlewareTypeMap) =>
  Object.entries(middleware).flatMap(([type, fields]) =>
    Object.keys(fields).map((field) => `${type}.${field}`),
  );

describe('shieldMiddleware', () => {
  it('guards every field but those whose rule is allow, for each way shield assigns a rule', () => {
    const rules = {
      Query: { open: allow, admin: isAdmin },
      Mutation: isSignedIn,
      Public: allow,
      Open: { '*': allow, b: isSignedIn },
      Closed: { '*': isAdmin, a: allow },
      Partial: { a: allow },
    } satisfies IRules;
    expect(guardedFields(shieldMiddleware(schema, rules, { fallbackRule: deny }))).toEqual([
      'Query.admin',
      'Query.unruled',
      'Mutation.purge',
      'Mutation.reset',
      'Open.b',
      'Closed.b',
      'Partial.b',
      'Unlisted.a',
    ]);
  });

  it('takes shield’s own fallback, allow, when none is given', () => {
    const middleware = shieldMiddleware(schema, { Query: { admin: isAdmin }, Mutation: deny }, {});
    expect(guardedFields(middleware)).toEqual(['Query.admin', 'Mutation.purge', 'Mutation.reset']);
  });

  it('guards everything under one rule for the whole schema, and nothing under allow', () => {
    expect(guardedFields(shieldMiddleware(schema, isAdmin, {}))).toHaveLength(14);
    expect(shieldMiddleware(schema, allow, { fallbackRule: deny })).toEqual({});
  });
});
