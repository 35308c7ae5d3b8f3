import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The `NODE_OPTIONS` the project's image gives every program (an `ENV` of the runtime stage of the `Dockerfile`),
 * so that the soak measures memory under the V8 settings production runs with, whatever they become.
 */
export async function imageNodeOptions(root: string): Promise<string> {
  const dockerfile = await readFile(path.join(root, 'Dockerfile'), 'utf8');
  const match = /NODE_OPTIONS=(?:"([^"]*)"|(\S+))/.exec(dockerfile);
  if (!match) throw new Error('the Dockerfile sets no NODE_OPTIONS');
  return match[1] ?? match[2]!;
}
