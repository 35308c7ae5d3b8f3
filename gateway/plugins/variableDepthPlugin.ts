import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../contracts/errors.js';

/** Options of {@link variableDepthPlugin}. */
export interface VariableDepthOptions {
  /**
   * How many lists and objects one variable's value may nest. Default 32; the schema's input types nest at most
   * three deep.
   */
  maxDepth?: number;
}

/**
 * Refuses variables that nest lists and objects deeper than `maxDepth` with HTTP 400 `BAD_USER_INPUT`, before any
 * other plugin or the gateway walks them: no input type is that deep, and a recursive walk over 5,000 levels of a
 * 30 KB body would overflow the stack. Runs in `didResolveOperation`, ahead of the response cache and execution.
 */
export function variableDepthPlugin<TContext extends BaseContext>(
  options: VariableDepthOptions = {},
): ApolloServerPlugin<TContext> {
  const maxDepth = options.maxDepth ?? 32;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          const variables = Object.values(request.variables ?? {});
          if (!variables.some((value) => nestsDeeperThan(value, maxDepth))) return;
          throw new GraphQLError(`Variables may nest lists and objects at most ${maxDepth} levels deep.`, {
            extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
          });
        },
      };
    },
  };
}

/** Whether `value` nests lists and objects more than `maxDepth` levels deep (`"a"` is 0, `["a"]` is 1). Iterative. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (pending.length > 0) {
    const { value: next, depth } = pending.pop()!;
    if (next === null || typeof next !== 'object') continue;
    if (depth > maxDepth) return true;
    for (const child of Object.values(next)) pending.push({ value: child, depth: depth + 1 });
  }
  return false;
}
