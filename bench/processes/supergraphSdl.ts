import { readFile } from 'node:fs/promises';

/**
 * The committed supergraph with each subgraph's routing URL replaced by where the bench started it: the deployment
 * setting every gateway needs, whatever its own way of overriding URLs.
 */
export async function supergraphSdl(path: string, urls: Record<string, string>): Promise<string> {
  let sdl = await readFile(path, 'utf8');
  for (const [name, url] of Object.entries(urls)) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`);
    if (!pattern.test(sdl)) throw new Error(`the supergraph at ${path} has no subgraph named ${name}`);
    sdl = sdl.replace(pattern, `$1${url}$2`);
  }
  return sdl;
}
