import { printOutcome } from '../schema/formatRegistryAnswer.js';
import { registryClient, send } from '../schema/registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from '../schema/SchemaCommand.js';

const USAGE = 'revoke <name> [--json]';

/**
 * `npm run clients -- revoke <name>` (`REGISTRY_URL`, admin `REGISTRY_TOKEN`): revokes every key of the client now;
 * gateways refuse them from their next poll. The client stays registered (`rotate` gives it a key again). Exits 0
 * when revoked, 1 for an unknown client, 2 when it cannot run.
 */
export const revoke: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(argv, { json: { type: 'boolean' } }, USAGE, 'clients');
    if (positionals.length !== 1) throw new CannotRun(`Name one client\nusage: npm run clients -- ${USAGE}`);
    const client = registryClient(config, 'revoke');
    const outcome = await send(() => client.revokeClient(positionals[0]!), config);
    printOutcome(
      values.json ?? false,
      outcome,
      (answer) =>
        `Revoked ${answer.revokedKeys} key(s) of ${answer.name}; gateways refuse them from their next poll.`,
    );
    return 'refusal' in outcome ? 1 : 0;
  },
};
