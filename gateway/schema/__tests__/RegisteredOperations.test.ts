import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PersistedDocuments } from '../../partners/PersistedDocuments.js';
import { loadPersistedDocuments } from '../../partners/PersistedDocuments.js';
import { loadRegisteredOperations } from '../RegisteredOperations.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const manifestPath = path.join(root, 'schema', 'persisted-query-manifest.json');

function manifestOf(...bodies: { name: string; body: string }[]): PersistedDocuments {
  const operations = bodies.map(({ name, body }) => ({
    id: createHash('sha256').update(body).digest('hex'),
    name,
    body,
  }));
  return { get: () => undefined, size: operations.length, operations };
}

describe('loadRegisteredOperations', () => {
  it('reads the page operations from their files and from the manifest, each text once', async () => {
    const documents = await loadPersistedDocuments(manifestPath);
    const operations = await loadRegisteredOperations(path.join(root, 'schema', 'operations'), {
      path: manifestPath,
      documents,
    });
    const pages = ['CategoryPage', 'HomePage', 'ProductPage'];
    expect(operations.map((each) => `${each.name} ${each.source}`)).toEqual([
      ...pages.map((page) => `${page} ${path.join('operations', `${page}.graphql`)}`),
      ...pages.map((page) => `${page} persisted-query-manifest.json ${page}`),
    ]);
    expect(operations.every((each) => each.sole)).toBe(true);
    // The example variables beside a page operation, what it is costed with; the manifest has none.
    expect(operations[0]!.variables).toEqual({ slug: 'outdoor-camping', first: 24, sort: 'FEATURED' });
    expect(operations[3]!.variables).toBeUndefined();

    const twice = await loadRegisteredOperations(path.join(root, 'schema', 'operations'), {
      path: manifestPath,
      documents: manifestOf(
        { name: 'CategoryPage', body: operations[3]!.body },
        { name: 'CategoryPage', body: operations[3]!.body },
      ),
    });
    expect(twice).toHaveLength(4);
  });

  it('lists each operation of a document of several, and reads a missing folder as none', async () => {
    const body = 'query A { departments { id } }\nquery B { departments { name } }';
    const operations = await loadRegisteredOperations(path.join(tmpdir(), 'no-such-folder-here'), {
      path: '/srv/partner.json',
      documents: manifestOf({ name: 'AB', body }),
    });
    expect(operations.map(({ name, source, sole }) => ({ name, source, sole }))).toEqual([
      { name: 'A', source: 'partner.json AB', sole: false },
      { name: 'B', source: 'partner.json AB', sole: false },
    ]);
  });

  it('refuses a registered document that does not parse, naming its file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'operations-'));
    await writeFile(path.join(dir, 'Broken.graphql'), 'query Broken {');
    await expect(
      loadRegisteredOperations(dir, { path: manifestPath, documents: manifestOf() }),
    ).rejects.toThrow(
      `${path.join(path.basename(dir), 'Broken.graphql')}: not a GraphQL document (Syntax Error`,
    );
    await rm(dir, { recursive: true, force: true });
  });
});
