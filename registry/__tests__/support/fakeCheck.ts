import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, printSchema, validate, type GraphQLError, type GraphQLSchema } from 'graphql';
import { schemaVersionOf } from '../../../gateway/schema/schemaVersion.js';
import type { SchemaChange, SchemaCheckInput, SchemaCheckReport } from '../../check/SchemaCheck.js';
import { schemaCoordinates } from '../../deploy/schemaCoordinates.js';

/**
 * A small schema check for the registry's own tests, with `runSchemaCheck`'s input and report: composition with
 * its error codes, removed coordinates as breaking changes and added ones as safe, and each operation validated
 * against the proposed API schema. No cost, no policy: the registry's tests are about what it does with a verdict.
 */
export async function fakeCheck(input: SchemaCheckInput): Promise<SchemaCheckReport> {
  const base = {
    changed: [...input.changed],
    costLimit: input.limits.maxCost,
    policy: [],
    warnings: [],
  };
  let composed: ReturnType<typeof composeServices> | { errors: GraphQLError[] };
  try {
    composed = composeServices(
      input.subgraphs.map((subgraph) => ({
        name: subgraph.name,
        url: subgraph.url,
        typeDefs: parse(subgraph.sdl),
      })),
    );
  } catch (error) {
    composed = { errors: [error as GraphQLError] };
  }
  if (composed.errors) {
    return {
      ...base,
      ok: false,
      approvable: false,
      composition: {
        ok: false,
        errors: composed.errors.map((error) => ({
          code: String(error.extensions?.['code'] ?? 'INVALID_GRAPHQL'),
          message: error.message,
          subgraphs: [],
        })),
        hints: [],
      },
      supergraphSdl: null,
      schemaVersion: null,
      changes: [],
      operations: [],
    };
  }
  if (!('schema' in composed)) throw new Error('composition gave neither errors nor a schema');
  const schema = composed.schema.toAPISchema().toGraphQLJSSchema();
  const operations = input.operations.map((operation) => ({
    client: operation.client,
    source: operation.source,
    operation: operation.name ?? 'anonymous operation',
    problems: validate(schema, parse(operation.body)).map((error) => error.message),
  }));
  return {
    ...base,
    ok: operations.every((operation) => operation.problems.length === 0),
    approvable: true,
    composition: { ok: true, errors: [], hints: [] },
    supergraphSdl: composed.supergraphSdl,
    schemaVersion: schemaVersionOf(composed.supergraphSdl),
    changes: input.baseline ? changesBetween(apiSchemaOf(input.baseline.supergraphSdl), schema) : [],
    operations,
  };
}

function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

function changesBetween(before: GraphQLSchema, after: GraphQLSchema): SchemaChange[] {
  const old = new Set(schemaCoordinates(printSchema(before)));
  const now = new Set(schemaCoordinates(printSchema(after)));
  return [
    ...[...old]
      .filter((coordinate) => !now.has(coordinate))
      .map((path) => ({
        criticality: 'breaking' as const,
        type: 'REMOVED',
        path,
        message: `${path} was removed`,
      })),
    ...[...now]
      .filter((coordinate) => !old.has(coordinate))
      .map((path) => ({ criticality: 'safe' as const, type: 'ADDED', path, message: `${path} was added` })),
  ];
}
