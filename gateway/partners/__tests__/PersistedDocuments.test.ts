import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPersistedDocuments } from '../PersistedDocuments.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const BODY = 'query Greeting {\n  greeting\n}';
const ID = createHash('sha256').update(BODY).digest('hex');

describe('loadPersistedDocuments', () => {
  it('loads the committed manifest: every page operation, by id', async () => {
    const file = path.join(root, 'schema', 'persisted-query-manifest.json');
    const documents = await loadPersistedDocuments(file);
    expect(documents.size).toBe(3);
    const { operations } = JSON.parse(await readFile(file, 'utf8')) as {
      operations: { id: string; name: string }[];
    };
    const homePage = operations.find((operation) => operation.name === 'HomePage')!.id;
    expect(documents.get(homePage)).toMatch(/^query HomePage\(/);
    expect(documents.get(homePage)).toContain('fragment ProductTile on Product {');
    expect(documents.get('0'.repeat(64))).toBeUndefined();
  });

  it('answers each id with its body', async () => {
    const documents = await loadPersistedDocuments(
      await manifestFile([{ id: ID, name: 'Greeting', body: BODY }]),
    );
    expect(documents.get(ID)).toBe(BODY);
    expect(documents.size).toBe(1);
    expect(documents.operations).toEqual([{ id: ID, name: 'Greeting', body: BODY }]);
  });

  it('refuses an operation whose id is not the SHA-256 of its body, naming it', async () => {
    const file = await manifestFile([
      { id: ID, name: 'Greeting', body: BODY },
      { id: ID, name: 'Tampered', body: '{ secret }' },
    ]);
    await expect(loadPersistedDocuments(file)).rejects.toThrow(
      `${file}: operation "Tampered" has an id that is not the SHA-256 of its body; run \`npm run codegen\``,
    );
  });

  it('refuses another format or version', async () => {
    const file = await manifestFile([], { version: 2 });
    await expect(loadPersistedDocuments(file)).rejects.toThrow(
      `${file}: format is "apollo-persisted-query-manifest" version 2; ` +
        'expected "apollo-persisted-query-manifest" version 1',
    );
  });

  it('refuses an operation without a string body, naming its index', async () => {
    const file = await manifestFile([{ id: ID }]);
    await expect(loadPersistedDocuments(file)).rejects.toThrow(
      `${file}: operations[0] needs a string "id" and "body"`,
    );
  });
});

async function manifestFile(operations: object[], overrides: object = {}): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'manifest-')), 'manifest.json');
  const manifest = { format: 'apollo-persisted-query-manifest', version: 1, operations, ...overrides };
  await writeFile(file, JSON.stringify(manifest));
  return file;
}
