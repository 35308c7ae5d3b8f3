import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';

/** How long an anonymous caller's answer may be kept: it is the same for every anonymous caller and never changes. */
export const ANONYMOUS_MAX_AGE_SECONDS = 300;

/**
 * Answers `value` for an anonymous caller with a public cache hint in place of the field's private one: with no
 * identity there is nothing private in it, so every anonymous caller may share it (the gateway keys it by the
 * `viewer` dimension, whose anonymous value no signed-in caller has).
 */
export function publicWhenAnonymous<T>(info: GraphQLResolveInfo, value: T): T {
  cacheControlFromInfo(info).setCacheHint({ maxAge: ANONYMOUS_MAX_AGE_SECONDS, scope: 'PUBLIC' });
  return value;
}
