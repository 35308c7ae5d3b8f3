import type { ClientEntry } from '../../registry/RegistryApi.js';
import { registryClient, registryRefusal } from '../schema/registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from '../schema/SchemaCommand.js';

const USAGE = 'list [--json]';

/**
 * `npm run clients -- list` (`REGISTRY_URL`, admin `REGISTRY_TOKEN`): every client with its kind, policy and keys
 * (live, and in all), as a table or as the registry's JSON. Never a key or a digest. Exits 0, or 2 when it cannot ask.
 */
export const list: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, 'clients');
    if (positionals.length > 0)
      throw new CannotRun(`list takes no arguments\nusage: npm run clients -- ${USAGE}`);
    const clients = await registryClient(config, 'list')
      .clients()
      .catch((error: unknown) => {
        throw new CannotRun(registryRefusal(error, config).message);
      });
    console.log(values.json ? JSON.stringify(clients, null, 2) : formatClients(clients));
    return 0;
  },
};

/** The clients as a table, one per line, by name; a key expiring is shown with its soonest expiry. */
export function formatClients(clients: readonly ClientEntry[]): string {
  if (clients.length === 0) return 'No clients yet.';
  const header = ['name', 'kind', 'policy', 'created (UTC)', 'live keys', 'expiring'];
  const rows = clients.map((client) => {
    const live = client.keys.filter((key) => key.live);
    const expiring = live
      .map((key) => key.expiresAt)
      .filter((at): at is string => at !== null)
      .sort()[0];
    return [
      client.name,
      client.kind,
      client.policy,
      minute(client.createdAt),
      `${live.length} of ${client.keys.length}`,
      expiring ? minute(expiring) : '',
    ];
  });
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function minute(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}
