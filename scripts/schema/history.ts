import type { VersionEntry } from '../../registry/RegistryApi.js';
import { registryClient, registryRefusal } from './registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from './SchemaCommand.js';

const USAGE = 'history [--limit n] [--json]';

/**
 * `npm run schema -- history` (`REGISTRY_URL`, any `REGISTRY_TOKEN`): the registry's versions, newest first, as a
 * table (version, time, author, commit, action, subgraphs changed, approval, breaking/dangerous/safe changes), or
 * as the registry's JSON with `--json`. Exits 0, or 2 when it cannot ask.
 */
export const history: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { limit: { type: 'string' }, json: { type: 'boolean' } },
      USAGE,
    );
    if (positionals.length > 0)
      throw new CannotRun(`history takes no arguments\nusage: npm run schema -- ${USAGE}`);
    const limit = values.limit === undefined ? 20 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500)
      throw new CannotRun('--limit must be from 1 to 500');
    const client = registryClient(config, 'history');
    const versions = await client.history({ limit }).catch((error: unknown) => {
      throw new CannotRun(registryRefusal(error, config).message);
    });
    console.log(values.json ? JSON.stringify(versions, null, 2) : formatHistory(versions));
    return 0;
  },
};

/** The history as a table, one version per line; the newest first, as the registry lists them. */
export function formatHistory(versions: readonly VersionEntry[]): string {
  if (versions.length === 0) return 'Nothing has been published yet.';
  const header = [
    'version',
    'time (UTC)',
    'author',
    'commit',
    'action',
    'subgraphs',
    'changes b/d/s',
    'approval',
  ];
  const rows = versions.map((entry) => [
    String(entry.version),
    entry.createdAt.slice(0, 16).replace('T', ' '),
    entry.author,
    entry.commit?.slice(0, 12) ?? '-',
    entry.action === 'rollback' ? `rollback to ${entry.rolledBackTo}` : entry.action,
    entry.subgraphs.join(',') || '-',
    `${entry.changes.breaking}/${entry.changes.dangerous}/${entry.changes.safe}`,
    entry.approval?.reason ?? '',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
