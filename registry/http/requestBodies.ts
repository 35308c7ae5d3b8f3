import { parse } from 'graphql';
import {
  CLIENT_POLICIES,
  KEY_KINDS,
  type ClientPolicy,
  type KeyKind,
} from '../../gateway/partners/ClientRegistry.js';
import type { ClientOperation, SubgraphSchema } from '../check/SchemaCheck.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import type { CreateClientBody } from '../RegistryApi.js';
import type { PublishRequest, RollbackRequest } from '../SchemaRegistry.js';
import { isSubgraphName } from '../subgraphName.js';

/**
 * Turns request bodies into the registry's requests, or throws `BAD_REQUEST` naming the field and what it must be.
 * Bodies never echo their values into errors: an SDL or a reason can be long.
 */

/** `POST /publish`: `{ subgraphs: [{ name, url, sdl }], author, commit?, approval?: { reason } }`. */
export function readPublishBody(body: unknown): PublishRequest {
  const value = object(body, 'the body');
  const subgraphs = array(value['subgraphs'], 'subgraphs').map((entry, index) => {
    const subgraph = object(entry, `subgraphs[${index}]`);
    return {
      name: subgraphName(subgraph['name'], `subgraphs[${index}].name`),
      url: routingUrl(subgraph['url'], `subgraphs[${index}].url`),
      sdl: text(subgraph['sdl'], `subgraphs[${index}].sdl`, Infinity),
    } satisfies SubgraphSchema;
  });
  if (subgraphs.length === 0) throw badRequest('subgraphs must name at least one subgraph');
  const names = subgraphs.map((subgraph) => subgraph.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice) throw badRequest(`subgraphs names ${twice} twice`);
  const approval = value['approval'];
  return {
    subgraphs,
    author: text(value['author'], 'author', 200),
    commit: optionalText(value['commit'], 'commit', 100),
    approval:
      approval === undefined || approval === null
        ? null
        : { reason: text(object(approval, 'approval')['reason'], 'approval.reason', 2_000) },
  };
}

/** `POST /subgraphs/:name/check`: `{ sdl, url? }`. */
export function readCheckBody(body: unknown): { sdl: string; url?: string } {
  const value = object(body, 'the body');
  const url = value['url'];
  return {
    sdl: text(value['sdl'], 'sdl', Infinity),
    ...(url === undefined || url === null ? {} : { url: routingUrl(url, 'url') }),
  };
}

/** `POST /rollback`: `{ version, author, commit?, reason? }`. */
export function readRollbackBody(body: unknown): RollbackRequest {
  const value = object(body, 'the body');
  const version = value['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw badRequest('version must be a version number (1 or more)');
  }
  return {
    version,
    author: text(value['author'], 'author', 200),
    commit: optionalText(value['commit'], 'commit', 100),
    reason: optionalText(value['reason'], 'reason', 2_000),
  };
}

/** `PUT /operations`: `{ client, operations: [{ source, name?, body, variables? }] }`; each body must parse. */
export function readOperationsBody(body: unknown): {
  client: string;
  operations: Omit<ClientOperation, 'client'>[];
} {
  const value = object(body, 'the body');
  const client = text(value['client'], 'client', 100);
  const operations = array(value['operations'], 'operations').map((entry, index) => {
    const at = `operations[${index}]`;
    const operation = object(entry, at);
    if (operation['client'] !== undefined && operation['client'] !== client) {
      throw badRequest(`${at}.client must be the body's client, ${client}, or left out`);
    }
    const source = text(operation['source'], `${at}.source`, 500);
    const name = optionalText(operation['name'], `${at}.name`, 200);
    const document = text(operation['body'], `${at}.body`, Infinity);
    try {
      parse(document, { noLocation: true });
    } catch (error) {
      throw badRequest(
        `${at}.body (${name ?? source}) is not a GraphQL document: ${(error as Error).message}`,
      );
    }
    const variables = operation['variables'];
    return {
      source,
      name: name ?? undefined,
      body: document,
      ...(variables === undefined || variables === null
        ? {}
        : { variables: object(variables, `${at}.variables`) }),
    };
  });
  return { client, operations };
}

/** `POST /clients`: `{ name, kind, policy, apiKeySha256? }`. */
export function readCreateClientBody(body: unknown): CreateClientBody {
  const value = object(body, 'the body');
  const digest = value['apiKeySha256'];
  if (digest !== undefined && (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest))) {
    throw badRequest('apiKeySha256 must be the SHA-256 of the key as 64 lowercase hex characters');
  }
  return {
    name: clientName(value['name'], 'name'),
    kind: choice<KeyKind>(value['kind'], 'kind', KEY_KINDS),
    policy: choice<ClientPolicy>(value['policy'], 'policy', CLIENT_POLICIES),
    ...(digest === undefined ? {} : { apiKeySha256: digest }),
  };
}

/** Longest overlap a rotation may give the keys it replaces: 90 days. */
export const MAX_OVERLAP_SECONDS = 90 * 24 * 3600;
/** The overlap of a rotation that names none: one day. */
export const DEFAULT_OVERLAP_SECONDS = 24 * 3600;

/** `POST /clients/:name/keys`: `{ overlapSeconds? }`, a whole number from 0 to 90 days (default one day). */
export function readRotateBody(body: unknown): { overlapSeconds: number } {
  const overlap = object(body, 'the body')['overlapSeconds'];
  if (overlap === undefined || overlap === null) return { overlapSeconds: DEFAULT_OVERLAP_SECONDS };
  if (
    typeof overlap !== 'number' ||
    !Number.isInteger(overlap) ||
    overlap < 0 ||
    overlap > MAX_OVERLAP_SECONDS
  ) {
    throw badRequest(`overlapSeconds must be a whole number from 0 to ${MAX_OVERLAP_SECONDS}`);
  }
  return { overlapSeconds: overlap };
}

/** A client's name: a letter, then up to 63 letters, digits, `_` and `-` (as a subgraph's). */
export function clientName(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !isSubgraphName(raw)) {
    throw badRequest(`${field} must be a client name: a letter, then up to 63 letters, digits, _ and -`);
  }
  return raw;
}

/** A path parameter that must be a version number. */
export function readVersionNumber(raw: string): number {
  const version = Number(raw);
  if (!Number.isSafeInteger(version) || version < 1) throw badRequest(`${raw} is not a version number`);
  return version;
}

/** A path parameter that must be a subgraph name. */
export function subgraphName(raw: unknown, field: string): string {
  if (typeof raw !== 'string' || !isSubgraphName(raw)) {
    throw badRequest(`${field} must be a subgraph name: a letter, then up to 63 letters, digits, _ and -`);
  }
  return raw;
}

function routingUrl(raw: unknown, field: string): string {
  if (typeof raw === 'string') {
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
    } catch {
      // fall through to the error below
    }
  }
  throw badRequest(`${field} must be an http or https URL`);
}

function object(raw: unknown, field: string): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw badRequest(`${field} must be an object`);
  return raw as Record<string, unknown>;
}

function choice<T extends string>(raw: unknown, field: string, accepted: readonly T[]): T {
  if (typeof raw !== 'string' || !accepted.includes(raw as T)) {
    throw badRequest(`${field} must be one of ${accepted.join(', ')}`);
  }
  return raw as T;
}

function array(raw: unknown, field: string): unknown[] {
  if (!Array.isArray(raw)) throw badRequest(`${field} must be an array`);
  return raw;
}

function text(raw: unknown, field: string, maxLength: number): string {
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest(`${field} must be a non-empty string`);
  if (raw.length > maxLength) throw badRequest(`${field} must be at most ${maxLength} characters`);
  return raw;
}

function optionalText(raw: unknown, field: string, maxLength: number): string | null {
  return raw === undefined || raw === null ? null : text(raw, field, maxLength);
}

function badRequest(message: string): RegistryError {
  return new RegistryError(RegistryErrorCode.BadRequest, message);
}
