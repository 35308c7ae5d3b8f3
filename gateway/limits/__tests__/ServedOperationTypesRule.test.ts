import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { ServedOperationTypesRule } from '../ServedOperationTypesRule.js';

const messages = (sdl: string, document: string) =>
  validate(buildSchema(sdl), parse(document), [...specifiedRules, ServedOperationTypesRule]).map(
    (error) => error.message,
  );

describe('ServedOperationTypesRule', () => {
  const queriesOnly = 'type Query { a: Int }';
  const everything = `${queriesOnly} type Mutation { b: Int } type Subscription { c: Int }`;

  it('refuses a subscription, whether or not the schema has a subscription type', () => {
    const refusal = 'Subscriptions are not served over HTTP; send a query or a mutation.';
    expect(messages(queriesOnly, 'subscription { a }')).toContain(refusal);
    expect(messages(everything, 'subscription { c }')).toEqual([refusal]);
  });

  it('refuses a mutation when the schema has no mutation type', () => {
    expect(messages(queriesOnly, 'mutation { a }')).toContain('The schema has no mutation operations.');
  });

  it('accepts queries and mutations the schema defines', () => {
    expect(messages(everything, 'query A { a } mutation M { b }')).toEqual([]);
    expect(messages(everything, '{ a }')).toEqual([]);
  });
});
