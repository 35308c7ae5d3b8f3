import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One page operation the storefront runs: its file's text and the example variables beside it. */
export interface PageOperation {
  /** The file name without `.graphql`, e.g. `CategoryPage`. */
  name: string;
  /** The file's text, comments included: they say what the page shows. */
  query: string;
  /** `<name>.variables.json`; undefined when there is none. */
  variables?: Record<string, unknown>;
}

/**
 * Reads every `*.graphql` file of `directory` (sorted by name) with the `<name>.variables.json` beside it; a missing
 * directory holds none. The one reader of page operations: the IDE's tabs, the supergraph checks before a swap and
 * `npm run schema -- check` all take them from here. Throws, naming the file, when a variables file is not a JSON object.
 */
export async function readPageOperations(directory: string): Promise<PageOperation[]> {
  const files = await listFiles(directory);
  const names = files
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => file.slice(0, -'.graphql'.length))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const query = await readFile(path.join(directory, `${name}.graphql`), 'utf8');
      const variablesFile = `${name}.variables.json`;
      if (!files.includes(variablesFile)) return { name, query };
      return { name, query, variables: await readVariables(path.join(directory, variablesFile)) };
    }),
  );
}

async function listFiles(directory: string): Promise<string[]> {
  try {
    return await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function readVariables(file: string): Promise<Record<string, unknown>> {
  const value: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${path.basename(file)} must hold a JSON object of variables`);
  }
  return value as Record<string, unknown>;
}
