import { ErrorCode } from '../../contracts/errors.js';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { readInteger } from '../../contracts/env.js';
import { costRefusal } from './costRefusal.js';
import { readDeclaredCosts, type DeclaredCosts } from './declaredCosts.js';
import { maxFieldsRule } from './maxFieldsRule.js';
import { DEFAULT_LIST_SIZE } from './operationCost.js';

/** How large an operation may be; every limit is checked before execution starts. */
export interface OperationLimitsConfig {
  /** Deepest nesting of fields, fragments not counted (`LIMIT_MAX_DEPTH`). Default 12. */
  maxDepth: number;
  /** Most aliases in one operation, `__typename` not counted (`LIMIT_MAX_ALIASES`). Default 20. */
  maxAliases: number;
  /** Most lexical tokens in the document; parsing stops past it (`LIMIT_MAX_TOKENS`). Default 1,000. */
  maxTokens: number;
  /** Most directives in one operation (`LIMIT_MAX_DIRECTIVES`). Default 20. */
  maxDirectives: number;
  /** Most fields in one operation, each fragment counted where it is spread (`LIMIT_MAX_FIELDS`). Default 500. */
  maxFields: number;
  /**
   * Highest cost: each field weighted by the sizes of the lists around it, see `operationCost`
   * (`LIMIT_MAX_COST`). Default 10,000.
   */
  maxCost: number;
  /**
   * Items assumed for a list field whose subgraph declares no `@listSize` (`LIMIT_DEFAULT_LIST_SIZE`). Default 5,
   * see `DEFAULT_LIST_SIZE`.
   */
  defaultListSize: number;
}

/** The defaults: each page operation in `schema/operations/` stays under half of every limit. */
export const DEFAULT_OPERATION_LIMITS: Readonly<OperationLimitsConfig> = Object.freeze({
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 1_000,
  maxDirectives: 20,
  maxFields: 500,
  maxCost: 10_000,
  defaultListSize: DEFAULT_LIST_SIZE,
});

/** Reads the operation limits from `env`; throws an error naming the variable for any bad value. */
export function loadOperationLimitsConfig(env: NodeJS.ProcessEnv): OperationLimitsConfig {
  const defaults = DEFAULT_OPERATION_LIMITS;
  return {
    maxDepth: readInteger(env, 'LIMIT_MAX_DEPTH', defaults.maxDepth, 1, 1_000),
    maxAliases: readInteger(env, 'LIMIT_MAX_ALIASES', defaults.maxAliases, 0, 10_000),
    maxTokens: readInteger(env, 'LIMIT_MAX_TOKENS', defaults.maxTokens, 10, 1_000_000),
    maxDirectives: readInteger(env, 'LIMIT_MAX_DIRECTIVES', defaults.maxDirectives, 0, 10_000),
    maxFields: readInteger(env, 'LIMIT_MAX_FIELDS', defaults.maxFields, 1, 100_000),
    maxCost: readInteger(env, 'LIMIT_MAX_COST', defaults.maxCost, 1, 1_000_000_000),
    defaultListSize: readInteger(env, 'LIMIT_DEFAULT_LIST_SIZE', defaults.defaultListSize, 0, 10_000),
  };
}

/** An operation over one of the limits; the message names the limit and the operation's value. */
export class OperationTooComplexError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.OperationTooComplex, http: { status: 400 } } });
  }
}

/** What {@link operationLimitPlugins} returns; each part goes to the Apollo Server option of its name. */
export interface OperationLimits<TContext extends BaseContext> {
  plugins: ApolloServerPlugin<TContext>[];
  validationRules: ValidationRule[];
  parseOptions: ParseOptions;
  allowBatchedHttpRequests: false;
}

/**
 * The operation limits for Apollo Server. Depth, aliases and directives are graphql-armor validation rules, fields
 * a rule of our own (`maxFieldsRule`); tokens are graphql-js's own parse limit (graphql-armor's Apollo token plugin throws outside the request
 * pipeline, which answers 500); cost is checked once the operation and its variables are known, because list
 * sizes usually arrive as variables. Every refusal is a 400 with code `OPERATION_TOO_COMPLEX`. In
 * production, "Did you mean …?" suggestions are cut from every error message, including the enum-value ones
 * graphql-armor's suggestion blocker misses, so a client without introspection cannot probe the schema.
 */
export function operationLimitPlugins<TContext extends BaseContext = BaseContext>(
  config: OperationLimitsConfig,
  options: { production: boolean },
): OperationLimits<TContext> {
  const refuse = (what: string, limit: number) => [
    (context: ValidationContext | null, error: GraphQLError) => {
      const found = /found (\d+)/.exec(error.message)?.[1];
      const value = found === undefined ? '' : ` ${found}`;
      context?.reportError(
        new OperationTooComplexError(`Query ${what}${value} exceeds the limit of ${limit}.`),
      );
    },
  ];
  const armor = new ApolloArmor({
    maxDepth: {
      n: config.maxDepth,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: refuse('depth', config.maxDepth),
    },
    maxAliases: {
      n: config.maxAliases,
      propagateOnRejection: false,
      onReject: refuse('alias count', config.maxAliases),
    },
    maxDirectives: {
      n: config.maxDirectives,
      propagateOnRejection: false,
      onReject: refuse('directive count', config.maxDirectives),
    },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();

  // The API schema a gateway serves has no `@listSize`/`@cost`: they are read from the supergraph it serves.
  const declaredCosts = new WeakMap<GraphQLSchema, DeclaredCosts>();
  const declaredCostsOf = (schema: GraphQLSchema): DeclaredCosts => {
    let declared = declaredCosts.get(schema);
    if (!declared) {
      declared = readDeclaredCosts(schema);
      declaredCosts.set(schema, declared);
    }
    return declared;
  };

  // Apollo Server hands every request with the same query text the same parsed document, so each document's
  // verdicts are remembered by operation and variables: a storefront's operations are costed once per variables,
  // not on every request (the walk was 6% of what the gateway allocated under load).
  const verdicts = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, string | null>>>();
  const refusalOf = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Readonly<Record<string, unknown>>,
  ): string | undefined => {
    let bySchema = verdicts.get(schema);
    if (!bySchema) verdicts.set(schema, (bySchema = new WeakMap()));
    let byRequest = bySchema.get(document);
    if (!byRequest) bySchema.set(document, (byRequest = new Map()));
    const key = `${operation.name?.value ?? ''}\n${JSON.stringify(variables)}`;
    let verdict = byRequest.get(key);
    if (verdict === undefined) {
      verdict =
        costRefusal(schema, document, operation, variables, {
          declared: declaredCostsOf(schema),
          defaultListSize: config.defaultListSize,
          maxCost: config.maxCost,
        }) ?? null;
      // Bounded in count and size: a client varying its variables endlessly, or sending large ones, costs a walk
      // per request, not memory.
      if (key.length <= MAX_VERDICT_KEY_LENGTH) {
        if (byRequest.size >= VERDICTS_PER_DOCUMENT) byRequest.clear();
        byRequest.set(key, verdict);
      }
    }
    return verdict ?? undefined;
  };

  const plugin: ApolloServerPlugin<TContext> = {
    async serverWillStart() {
      return {
        schemaDidLoadOrUpdate({ apiSchema, coreSupergraphSdl }) {
          declaredCosts.set(apiSchema, readDeclaredCosts(coreSupergraphSdl ?? apiSchema));
        },
      };
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = refusalOf(schema, document, operation, request.variables ?? {});
          if (refusal) throw new OperationTooComplexError(refusal);
        },
        async didEncounterErrors({ errors }) {
          dropAbortsAfterRefusal(errors);
          for (const error of errors) {
            // Apollo Server re-codes validation and parse errors; give ours back their own code.
            if (error.originalError instanceof OperationTooComplexError) {
              error.extensions['code'] = ErrorCode.OperationTooComplex;
            } else if (
              error.extensions['code'] === 'GRAPHQL_PARSE_FAILED' &&
              TOO_MANY_TOKENS.test(error.message)
            ) {
              error.message = `Query token count exceeds the limit of ${config.maxTokens}; parsing stopped.`;
              error.extensions['code'] = ErrorCode.OperationTooComplex;
            } else if (isValidationAbort(error)) {
              error.message = VALIDATION_ABORTED;
              error.extensions['code'] = ErrorCode.OperationTooComplex;
            }
            if (options.production) error.message = error.message.replace(SUGGESTION, '');
          }
        },
      };
    },
  };

  const maxFields = maxFieldsRule(
    config.maxFields,
    (count) =>
      new OperationTooComplexError(`Query field count ${count} exceeds the limit of ${config.maxFields}.`),
  );
  return {
    plugins: [plugin],
    validationRules: [maxFields, ...armor.validationRules],
    parseOptions: { maxTokens: config.maxTokens },
    allowBatchedHttpRequests: false,
  };
}

/** Cost verdicts remembered per document (by operation and variables), and the longest such key remembered. */
const VERDICTS_PER_DOCUMENT = 1_000;
const MAX_VERDICT_KEY_LENGTH = 2_048;

/** graphql-js's message when `parseOptions.maxTokens` stops parsing. */
const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] \d+ tokens\. Parsing aborted\.$/;

/** graphql-js's suggestions: `Did you mean "name"?`, `Did you mean the enum value "FEATURED"?`, … */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** What a client reads when graphql-js abandoned validation past one of its own work budgets. */
const VALIDATION_ABORTED =
  "Query validation exceeds graphql-js's work limit (fields or fragments repeated too often); validation aborted.";

/** graphql-js's errors when it abandons validation: a rule over its work budget, or too many errors. */
function isValidationAbort(error: GraphQLError): boolean {
  return (
    error.extensions['code'] === 'GRAPHQL_VALIDATION_FAILED' &&
    /(^|\. )Validation aborted\.$/.test(error.message)
  );
}

/**
 * graphql-js runs its own rules before ours, all in one walk; the field-count refusal is reported first, and then
 * its overlap rule gives up on the same fields with a bare "Validation aborted.". That abort says nothing the
 * refusal did not: only the refusal is answered. Apollo Server formats the array handed to `didEncounterErrors`.
 */
function dropAbortsAfterRefusal(errors: readonly GraphQLError[]): void {
  if (!errors.some((error) => error.originalError instanceof OperationTooComplexError)) return;
  const list = errors as GraphQLError[];
  for (let i = list.length - 1; i >= 0; i -= 1) if (isValidationAbort(list[i]!)) list.splice(i, 1);
}
