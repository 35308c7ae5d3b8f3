import {
  CLIENT_POLICIES,
  KEY_KINDS,
  type ClientPolicy,
  type KeyKind,
} from '../../gateway/partners/ClientRegistry.js';
import { printOutcome } from '../schema/formatRegistryAnswer.js';
import { registryClient, send } from '../schema/registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from '../schema/SchemaCommand.js';

const USAGE = 'create <name> --kind public|secret --policy open|persisted-only [--json]';

/**
 * `npm run clients -- create <name>` (`REGISTRY_URL`, admin `REGISTRY_TOKEN`): registers a client and prints its
 * API key, which the registry shows this once and keeps only as a SHA-256. Exits 0 when created, 1 when the name is
 * taken, 2 when it cannot run.
 */
export const create: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { kind: { type: 'string' }, policy: { type: 'string' }, json: { type: 'boolean' } },
      USAGE,
      'clients',
    );
    if (positionals.length !== 1) throw new CannotRun(`Name one client\nusage: npm run clients -- ${USAGE}`);
    const kind = oneOf(values.kind, '--kind', KEY_KINDS);
    const policy = oneOf(values.policy, '--policy', CLIENT_POLICIES);
    const client = registryClient(config, 'create');
    const outcome = await send(() => client.createClient({ name: positionals[0]!, kind, policy }), config);
    printOutcome(values.json ?? false, outcome, (answer) =>
      [
        `Created client ${answer.name} (${answer.kind} key, ${answer.policy}).`,
        'Its API key, shown this once (the registry keeps only its SHA-256); send it as x-api-key:',
        `  ${answer.key}`,
      ].join('\n'),
    );
    return 'refusal' in outcome ? 1 : 0;
  },
};

function oneOf<T extends KeyKind | ClientPolicy>(
  raw: string | undefined,
  flag: string,
  accepted: readonly T[],
): T {
  if (!accepted.includes(raw as T)) {
    throw new CannotRun(`${flag} must be one of ${accepted.join(', ')}\nusage: npm run clients -- ${USAGE}`);
  }
  return raw as T;
}
