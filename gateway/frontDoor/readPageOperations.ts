import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One page operation as the IDE opens it: a tab with the operation's text and its example variables. */
export interface PageOperationTab {
  /** The operation's file name without `.graphql`, e.g. `CategoryPage`. */
  name: string;
  /** The file's text, comments included: they say what the page shows. */
  query: string;
  /** `<name>.variables.json`, pretty-printed; undefined when there is none. */
  variables?: string;
}

/**
 * Reads every `*.graphql` file of `directory` (sorted by name) with the `<name>.variables.json` beside it. Throws,
 * naming the file, when a variables file is not a JSON object.
 */
export async function readPageOperations(directory: string): Promise<PageOperationTab[]> {
  const files = await readdir(directory);
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

async function readVariables(file: string): Promise<string> {
  const value: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${path.basename(file)} must hold a JSON object of variables`);
  }
  return JSON.stringify(value, null, 2);
}
