import { generate } from '@graphql-codegen/cli';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import config from '../codegen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The committed generated files: those in `schema/__generated__/` and each subgraph's `__generated__/`, and the
 * persisted-query manifest; relative to the root.
 */
async function committedGeneratedFiles(): Promise<string[]> {
  const subgraphFolders = await readdir(path.join(root, 'subgraphs'));
  const folders = [
    path.join('schema', '__generated__'),
    ...subgraphFolders.map((name) => path.join('subgraphs', name, '__generated__')),
  ];
  const files = await Promise.all(
    folders.map(async (folder) =>
      (await readdir(path.join(root, folder)).catch(() => [])).map((file) => path.join(folder, file)),
    ),
  );
  return [...files.flat(), path.join('schema', 'persisted-query-manifest.json')].sort();
}

/** What `npm run codegen` would write: codegen's output, formatted as its Prettier hook formats it. */
async function freshOutputs(): Promise<Map<string, string>> {
  const outputs: { filename: string; content: string }[] = await generate(config, false);
  const formatted = await Promise.all(
    outputs.map(async ({ filename, content }) => {
      const file = path.resolve(root, filename);
      const options = await resolveConfig(file);
      return [path.relative(root, file), await format(content, { ...options, filepath: file })] as const;
    }),
  );
  return new Map(formatted);
}

let fresh: Map<string, string>;
beforeAll(async () => {
  // Codegen loads its plugins in parallel, which Jest's ESM loader cannot link twice at once: load them first.
  for (const plugin of [
    'typescript',
    'typescript-resolvers',
    'typescript-operations',
    'typed-document-node',
  ]) {
    await import(`@graphql-codegen/${plugin}`);
  }
  fresh = await freshOutputs();
}, 60_000);

describe('codegen.ts', () => {
  it('matches every committed generated file (run `npm run codegen` and commit when this fails)', async () => {
    expect([...fresh.keys()].sort()).toEqual(await committedGeneratedFiles());
    const stale: string[] = [];
    for (const [file, content] of fresh) {
      if ((await readFile(path.join(root, file), 'utf8')) !== content) stale.push(file);
    }
    expect(stale).toEqual([]);
  });

  it('generates resolver types for each of the five subgraphs with its context type', () => {
    for (const [name, context] of [
      ['catalog', 'CatalogContext'],
      ['inventory', 'InventoryContext'],
      ['pricing', 'PricingContext'],
      ['customer', 'CustomerContext'],
      ['content', 'ContentContext'],
    ]) {
      const resolvers = fresh.get(path.join('subgraphs', name!, '__generated__', 'resolvers.ts'));
      expect(resolvers).toContain(`import type { ${context} } from '../loaders.js';`);
      expect(resolvers).toContain('export type Resolvers<');
    }
  });
});
