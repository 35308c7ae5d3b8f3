import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, visit, type DocumentNode } from 'graphql';
import { ErrorCode } from '../../contracts/errors.js';

/**
 * Refuses strings holding a NUL character, in the document or in variables, with HTTP 400 `BAD_USER_INPUT`. No
 * commerce value contains one, and PostgreSQL cannot store or compare one, so passing it on would only turn bad
 * input into internal errors deep in a subgraph.
 */
export function nulCharacterPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  // Apollo Server hands every request with the same query text the same parsed document: each is walked once.
  const checked = new WeakMap<DocumentNode, boolean>();
  const documentHasNulOnce = (document: DocumentNode): boolean => {
    let found = checked.get(document);
    if (found === undefined) {
      found = documentHasNul(document);
      checked.set(document, found);
    }
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          if (!hasNul(request.variables) && !documentHasNulOnce(document)) return;
          throw new GraphQLError('Strings must not contain NUL characters.', {
            extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** Whether any string in `value` holds a NUL. Iterative, since client JSON may nest thousands of levels deep. */
export function hasNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (next && typeof next === 'object') {
      // One push per item: spreading a long array into push() would overflow the stack in its own way.
      for (const child of Object.values(next)) pending.push(child);
    }
  }
  return false;
}

function documentHasNul(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (node.value.includes('\u0000')) found = true;
    },
  });
  return found;
}
