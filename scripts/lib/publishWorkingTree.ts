import type { Logger } from 'pino';
import type { RegistryClient } from '../../registry/client/RegistryClient.js';
import type { SchemaCheckReport } from '../../registry/check/SchemaCheck.js';
import type { SchemaCommandConfig } from '../schema/config.js';
import { formatRefusal } from '../schema/formatRegistryAnswer.js';
import { authorship } from '../schema/registryAccess.js';
import { seedRegistry, type SeedOutcome } from '../schema/seedRegistry.js';

/** The approval `npm start` publishes a failed check with: the working tree is whatever the developer has. */
export const WORKING_TREE_APPROVAL = 'npm start: local working tree';

/**
 * `npm start`'s publish: the working tree's supergraph.yaml subgraphs, at the URLs they were just started on
 * (`config.subgraphUrls`, from the `SUBGRAPH_<NAME>_URL` the gateway gets too), and
 * the repository's registered operations, into the embedded registry. A failed check is published anyway, approved
 * as {@link WORKING_TREE_APPROVAL}, and its failures are printed; a refusal (the subgraphs do not compose, an
 * operation that does not fit) or a failure to publish (an unreadable schema file) is printed and leaves the
 * registry's current version serving.
 */
export async function publishWorkingTree(
  client: RegistryClient,
  config: SchemaCommandConfig,
  logger: Logger,
): Promise<void> {
  const { author, commit } = await authorship(config, {});
  let seeded: SeedOutcome;
  try {
    seeded = await seedRegistry(client, config, {
      author,
      commit,
      approval: { reason: WORKING_TREE_APPROVAL },
    });
  } catch (error) {
    // The registry keeps serving what it has (nothing on a first run: the gateway then says to publish first).
    console.log(`\nThe working tree could not be published to the registry: ${(error as Error).message}`);
    return;
  }
  if ('refusal' in seeded.publish) {
    console.log(
      `\nThe registry did not take the working tree's subgraphs:\n${formatRefusal(seeded.publish.refusal)}`,
    );
  } else if (!seeded.publish.answer.unchanged) {
    const { version, approved, report } = seeded.publish.answer;
    logger.info({ version, approved }, 'working tree published to the registry');
    if (approved) {
      console.log(
        `\nThe working tree fails the schema check; published as version ${version} anyway ("${WORKING_TREE_APPROVAL}"):`,
      );
      for (const line of failures(report)) console.log(`  ${line}`);
    }
  }
  for (const outcome of seeded.operations) {
    if ('refusal' in outcome) console.log(`\nOperations not registered:\n${formatRefusal(outcome.refusal)}`);
  }
}

/** What failed a check, one line each: broken operations and `error` policy findings. */
function failures(report: SchemaCheckReport): string[] {
  return [
    ...report.operations
      .filter((check) => check.problems.length > 0)
      .map((check) => `${check.operation} (${check.client}, ${check.source}): ${check.problems.join(' ')}`),
    ...report.policy
      .filter((finding) => finding.severity === 'error')
      .map((finding) => `policy ${finding.rule}: ${finding.message}`),
  ];
}
