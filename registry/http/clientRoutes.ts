import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { clientKeyDigest, generateClientKey } from '../clients/clientKeys.js';
import { RegistryError, RegistryErrorCode } from '../errors.js';
import type {
  ClientEntry,
  ClientKeysAnswer,
  CreateClientAnswer,
  RevokeAnswer,
  RotateKeyAnswer,
} from '../RegistryApi.js';
import type { ClientStore } from '../store/ClientStore.js';
import type { Route } from './registryRoutes.js';
import { clientName, readCreateClientBody, readRotateBody } from './requestBodies.js';
import { notModified, sendJson } from './respond.js';

/**
 * The client endpoints (registry/README.md has the table): an admin creates clients, lists them, rotates and revokes
 * their keys; gateways read the digests of the live keys. A new key is answered once and never stored or logged.
 */
export function clientRoutes(clients: ClientStore, logger: Logger): Route[] {
  return [
    {
      name: 'client_keys',
      path: /^\/clients\/keys$/,
      method: 'GET',
      access: 'token',
      async handle({ req, res }) {
        const answer: ClientKeysAnswer = {
          clients: (await clients.liveKeys()).map((client) => ({
            ...client,
            keys: client.keys.map((key) => ({ sha256: key.sha256, expiresAt: iso(key.expiresAt) })),
          })),
        };
        const body = JSON.stringify(answer);
        const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
        const headers = { etag, 'cache-control': 'no-cache' };
        if (notModified(req.headers['if-none-match'], etag)) return void res.writeHead(304, headers).end();
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(body);
      },
    },
    {
      name: 'clients',
      path: /^\/clients$/,
      method: 'GET',
      access: 'admin',
      async handle({ res }) {
        const entries: ClientEntry[] = (await clients.list()).map((client) => ({
          ...client,
          createdAt: client.createdAt.toISOString(),
          keys: client.keys.map((key) => ({
            createdAt: key.createdAt.toISOString(),
            expiresAt: iso(key.expiresAt),
            revokedAt: iso(key.revokedAt),
            live: key.live,
          })),
        }));
        sendJson(res, 200, { clients: entries });
      },
    },
    {
      name: 'create_client',
      path: /^\/clients$/,
      method: 'POST',
      access: 'admin',
      async handle({ res, body }) {
        const { apiKeySha256, ...client } = readCreateClientBody(await body());
        const key = apiKeySha256 === undefined ? generateClientKey() : undefined;
        const outcome = await clients.create(client, apiKeySha256 ?? clientKeyDigest(key!));
        if (outcome === 'name-taken') {
          throw new RegistryError(RegistryErrorCode.ClientExists, `There is a client ${client.name} already`);
        }
        if (outcome === 'key-taken') {
          throw new RegistryError(RegistryErrorCode.BadRequest, 'apiKeySha256 is the key of another client');
        }
        logger.info({ client: client.name, kind: client.kind, policy: client.policy }, 'client created');
        sendJson(res, 201, { ...client, ...(key === undefined ? {} : { key }) } satisfies CreateClientAnswer);
      },
    },
    {
      name: 'rotate_client_key',
      path: /^\/clients\/([^/]+)\/keys$/,
      method: 'POST',
      access: 'admin',
      async handle({ res, params, body }) {
        const name = clientName(decodeURIComponent(params[0]!), 'the client in the path');
        const { overlapSeconds } = readRotateBody(await body());
        const key = generateClientKey();
        const rotated = await clients.rotate(name, clientKeyDigest(key), overlapSeconds);
        if (!rotated) throw clientNotFound(name);
        logger.info({ client: name, overlapSeconds }, 'client key rotated');
        sendJson(res, 201, {
          name,
          key,
          previousKeysExpireAt: rotated.previousExpireAt.toISOString(),
        } satisfies RotateKeyAnswer);
      },
    },
    {
      name: 'revoke_client',
      path: /^\/clients\/([^/]+)\/revoke$/,
      method: 'POST',
      access: 'admin',
      async handle({ res, params }) {
        const name = clientName(decodeURIComponent(params[0]!), 'the client in the path');
        const revokedKeys = await clients.revoke(name);
        if (revokedKeys === null) throw clientNotFound(name);
        logger.info({ client: name, revokedKeys }, 'client revoked');
        sendJson(res, 200, { name, revokedKeys } satisfies RevokeAnswer);
      },
    },
  ];
}

function clientNotFound(name: string): RegistryError {
  return new RegistryError(RegistryErrorCode.ClientNotFound, `There is no client ${name}`);
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
