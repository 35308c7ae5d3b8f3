import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';

/**
 * A validation rule: every operation must be of a type the gateway serves. Subscriptions are not served over HTTP,
 * and a query or mutation needs its root type in the schema (the GraphQL spec's "Operation Type Existence"). Left
 * to execution, either fails inside Apollo Gateway's query planner as a 500; as a validation error it is HTTP 400
 * `GRAPHQL_VALIDATION_FAILED`, and the document cache remembers it.
 */
export function ServedOperationTypesRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      const message =
        node.operation === 'subscription'
          ? 'Subscriptions are not served over HTTP; send a query or a mutation.'
          : context.getSchema().getRootType(node.operation)
            ? undefined
            : `The schema has no ${node.operation} operations.`;
      if (message) context.reportError(new GraphQLError(message, { nodes: node }));
    },
  };
}
