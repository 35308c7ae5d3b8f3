import path from 'node:path';

/** Where the gateway finds its registered clients and operations. */
export interface PartnersConfig {
  /** The client registry (`CLIENTS_PATH`). Default `config/clients.json`. */
  clientsPath: string;
  /** The persisted-query manifest (`PERSISTED_QUERY_MANIFEST_PATH`). Default `schema/persisted-query-manifest.json`. */
  manifestPath: string;
}

/** Reads the partner settings from `env`; relative paths are resolved against `root`. */
export function loadPartnersConfig(env: NodeJS.ProcessEnv, root = process.cwd()): PartnersConfig {
  return {
    clientsPath: path.resolve(root, env['CLIENTS_PATH'] || 'config/clients.json'),
    manifestPath: path.resolve(
      root,
      env['PERSISTED_QUERY_MANIFEST_PATH'] || 'schema/persisted-query-manifest.json',
    ),
  };
}
