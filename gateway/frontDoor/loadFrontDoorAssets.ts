import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One file the IDE page loads, held in memory. */
export interface FrontDoorAsset {
  contentType: string;
  body: Buffer;
}

/** Every file the IDE page loads, and the version that names them in URLs. */
export interface FrontDoorAssets {
  /** A digest of every asset's bytes: part of their path, so they can be cached for good. */
  version: string;
  /** File name (the last path segment of its URL) → asset. */
  files: ReadonlyMap<string, FrontDoorAsset>;
}

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/**
 * The UMD builds of React 18 and GraphiQL (with its CSS; fonts and images are data URLs inside it) from
 * node_modules, and the page's own script and style from `static/`. Their names are fixed here, never taken from a
 * request path.
 */
const SOURCES: ReadonlyArray<{ name: string; contentType: string; file: () => string }> = [
  {
    name: 'react.js',
    contentType: JAVASCRIPT,
    file: () => packageFile('react', 'umd/react.production.min.js'),
  },
  {
    name: 'react-dom.js',
    contentType: JAVASCRIPT,
    file: () => packageFile('react-dom', 'umd/react-dom.production.min.js'),
  },
  { name: 'graphiql.js', contentType: JAVASCRIPT, file: () => packageFile('graphiql', 'graphiql.min.js') },
  { name: 'graphiql.css', contentType: CSS, file: () => packageFile('graphiql', 'graphiql.min.css') },
  { name: 'frontDoor.js', contentType: JAVASCRIPT, file: () => staticFile('frontDoor.js') },
  { name: 'frontDoor.css', contentType: CSS, file: () => staticFile('frontDoor.css') },
];

/** Reads every asset of the IDE page into memory; throws naming the file when one is missing. */
export async function loadFrontDoorAssets(): Promise<FrontDoorAssets> {
  const digest = createHash('sha256');
  const files = new Map<string, FrontDoorAsset>();
  for (const source of SOURCES) {
    const body = await readFile(source.file());
    digest.update(source.name).update(body);
    files.set(source.name, { contentType: source.contentType, body });
  }
  return { version: digest.digest('hex').slice(0, 16), files };
}

const require = createRequire(import.meta.url);

// Through package.json: these packages' `exports` do not list their UMD files.
function packageFile(name: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`)), file);
}

function staticFile(file: string): string {
  return fileURLToPath(new URL(`./static/${file}`, import.meta.url));
}
