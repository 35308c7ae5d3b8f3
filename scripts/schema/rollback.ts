import { formatWriteAnswer, printOutcome } from './formatRegistryAnswer.js';
import { authorship, registryClient, send } from './registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from './SchemaCommand.js';

const USAGE = 'rollback <version> [--approve reason] [--author a] [--commit sha] [--json]';

/**
 * `npm run schema -- rollback <version>` (`REGISTRY_URL`, admin `REGISTRY_TOKEN`): records a new version with the
 * subgraphs of `<version>`, checked like a publish (registered operations, running subgraphs); when the check
 * fails, `--approve <reason>` rolls back anyway and records the reason. Exits 0 when rolled back or unchanged, 1
 * when refused, 2 when it cannot run.
 */
export const rollback: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        approve: { type: 'string' },
        author: { type: 'string' },
        commit: { type: 'string' },
        json: { type: 'boolean' },
      },
      USAGE,
    );
    const version = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isSafeInteger(version) || version < 1) {
      throw new CannotRun(`Name the version to roll back to\nusage: npm run schema -- ${USAGE}`);
    }
    const client = registryClient(config, 'rollback');
    const { author, commit } = await authorship(config, values);
    const outcome = await send(
      () => client.rollback({ version, author, commit, reason: values.approve ?? null }),
      config,
    );
    printOutcome(values.json ?? false, outcome, (answer) =>
      formatWriteAnswer(answer, `Rolled back to version ${version}`),
    );
    return 'refusal' in outcome ? 1 : 0;
  },
};
