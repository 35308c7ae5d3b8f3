import type { IncomingMessage, ServerResponse } from 'node:http';
import { loadFrontDoorAssets, type FrontDoorAsset } from './loadFrontDoorAssets.js';
import { readPageOperations } from '../schema/readPageOperations.js';
import { renderFrontDoorPage } from './renderFrontDoorPage.js';

/** Answers a request when it is for the IDE or one of its assets, and says whether it did. */
export type FrontDoor = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

export interface FrontDoorOptions {
  /** Folder of the page operations the IDE opens with, one tab each (`<Name>.graphql`, `<Name>.variables.json`). */
  operationsDir: string;
  /** Path of the GraphQL endpoint, e.g. `/graphql`. */
  endpoint: string;
}

/** Where the assets live; the version follows, then the file name. */
const ASSET_PREFIX = '/graphiql/';

/**
 * Same-origin scripts, styles and requests only; GraphiQL's fonts and icons are data URLs in its CSS. No inline
 * script, no eval, no framing.
 */
export const FRONT_DOOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  'font-src data:',
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The gateway's front door: GraphiQL at `/` (and at the endpoint, for a browser's GET without a query), opened
 * with one tab per page operation and its example variables. Every asset comes from this process, read once from
 * node_modules at start-up, so the IDE works with no internet. Assets sit under a versioned path and are cached for
 * good; the page itself is revalidated, since the operations it carries may change.
 */
export async function createFrontDoor(options: FrontDoorOptions): Promise<FrontDoor> {
  const [assets, tabs] = await Promise.all([
    loadFrontDoorAssets(),
    readPageOperations(options.operationsDir),
  ]);
  const assetPath = `${ASSET_PREFIX}${assets.version}`;
  const page = Buffer.from(renderFrontDoorPage({ assetPath, endpoint: options.endpoint, tabs }));

  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === '/' || (url.pathname === options.endpoint && isBrowserVisit(req, url))) {
      send(req, res, page, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-cache',
        'content-security-policy': FRONT_DOOR_CSP,
        'referrer-policy': 'no-referrer',
      });
      return true;
    }
    const asset = url.pathname.startsWith(`${assetPath}/`)
      ? assets.files.get(url.pathname.slice(assetPath.length + 1))
      : undefined;
    if (!asset) return false;
    sendAsset(req, res, asset);
    return true;
  };
}

/** A browser opening the endpoint: HTML first in `accept`, and no operation in the query string. */
function isBrowserVisit(req: IncomingMessage, url: URL): boolean {
  const accept = req.headers.accept ?? '';
  return (
    accept.startsWith('text/html') && !url.searchParams.has('query') && !url.searchParams.has('extensions')
  );
}

function sendAsset(req: IncomingMessage, res: ServerResponse, asset: FrontDoorAsset): void {
  send(req, res, asset.body, {
    'content-type': asset.contentType,
    'cache-control': 'public, max-age=31536000, immutable',
  });
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  headers: Record<string, string>,
): void {
  res.statusCode = 200;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('content-length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
