import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse } from 'graphql';
import { buildManifest, plugin } from '../lib/persistedQueryManifest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('buildManifest', () => {
  it('gives every operation the SHA-256 of its body as id', async () => {
    const { operations } = await buildManifest(path.join(root, 'schema', 'operations'));
    expect(operations).toHaveLength(3);
    for (const { id, body } of operations) {
      expect(id).toMatch(/^[0-9a-f]{64}$/);
      expect(id).toBe(createHash('sha256').update(body).digest('hex'));
    }
  });

  it('includes the fragments an operation uses, transitively, and no others', async () => {
    const directory = await operationsDirectory({
      'Page.graphql': 'query Page { product { ...Tile } }\nfragment Tile on Product { id ...Price }',
      'fragments.graphql': 'fragment Price on Product { price }\nfragment Unused on Product { name }',
    });
    const { operations } = await buildManifest(directory);
    expect(operations).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        name: 'Page',
        type: 'query',
        body:
          'query Page {\n  product {\n    ...Tile\n  }\n}\n\n' +
          'fragment Price on Product {\n  price\n}\n\n' +
          'fragment Tile on Product {\n  id\n  ...Price\n}',
      },
    ]);
  });

  it('gives the same id whatever the comments and layout', async () => {
    const plain = await operationsDirectory({
      'A.graphql': 'query A($id: ID!) { item(id: $id) { id name } }',
    });
    const commented = await operationsDirectory({
      'A.graphql':
        '# The item page.\nquery A(\n  $id: ID! # which item\n) {\n\n  item(id: $id) {\n    id,\n    name\n  }\n}\n',
    });
    const [first] = (await buildManifest(plain)).operations;
    const [second] = (await buildManifest(commented)).operations;
    expect(second?.id).toBe(first?.id);
    expect(first?.body).toBe('query A($id: ID!) {\n  item(id: $id) {\n    id\n    name\n  }\n}');
  });

  it('records each operation type and sorts operations by name', async () => {
    const directory = await operationsDirectory({
      'b.graphql': 'mutation Zap { zap }',
      'a.graphql': 'subscription Ticks { tick }\nquery Mid { mid }',
    });
    const { operations } = await buildManifest(directory);
    expect(operations.map(({ name, type }) => [name, type])).toEqual([
      ['Mid', 'query'],
      ['Ticks', 'subscription'],
      ['Zap', 'mutation'],
    ]);
  });

  it('rejects an anonymous operation, naming the file', async () => {
    const directory = await operationsDirectory({ 'Anon.graphql': '{ greeting }' });
    await expect(buildManifest(directory)).rejects.toThrow(
      'Anon.graphql: every operation needs a name; one has none',
    );
  });

  it('rejects an operation name used twice, naming both files', async () => {
    const directory = await operationsDirectory({
      'One.graphql': 'query Page { a }',
      'Two.graphql': 'query Page { b }',
    });
    await expect(buildManifest(directory)).rejects.toThrow(
      'Two.graphql: operation "Page" is also defined in One.graphql',
    );
  });

  it('rejects a spread of a fragment no file defines, naming the file', async () => {
    const directory = await operationsDirectory({ 'Page.graphql': 'query Page { ...Missing }' });
    await expect(buildManifest(directory)).rejects.toThrow(
      'Page.graphql: fragment "Missing" is used but defined in no document',
    );
  });
});

describe('plugin (codegen)', () => {
  it('writes the manifest of the documents codegen hands it, naming their files in errors', () => {
    const schema = buildSchema('type Query { greeting: String }');
    const written = plugin(schema, [
      { location: 'Greeting.graphql', document: parse('query Greeting { greeting }') },
    ]);
    const manifest = JSON.parse(written) as { format: string; version: number; operations: unknown[] };
    expect(written.endsWith('}\n')).toBe(true);
    expect(manifest).toEqual({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [
        {
          id: createHash('sha256').update('query Greeting {\n  greeting\n}').digest('hex'),
          name: 'Greeting',
          type: 'query',
          body: 'query Greeting {\n  greeting\n}',
        },
      ],
    });
    expect(() => plugin(schema, [{ location: 'Anon.graphql', document: parse('{ greeting }') }])).toThrow(
      'Anon.graphql: every operation needs a name; one has none',
    );
  });
});

async function operationsDirectory(files: Record<string, string>): Promise<string> {
  const directory = await mkdtemp(path.join(tmpdir(), 'operations-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
  return directory;
}
