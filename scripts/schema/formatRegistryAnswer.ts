import { formatSchemaCheck } from '../../registry/check/formatSchemaCheck.js';
import type { RegistryAnswerError } from '../../registry/client/RegistryClient.js';
import type { WriteAnswer } from '../../registry/RegistryApi.js';
import type { Outcome } from './registryAccess.js';
import type { SeedOutcome } from './seedRegistry.js';

/** A publish's or rollback's answer for a person: what was recorded (or not), then the check's report. */
export function formatWriteAnswer(answer: WriteAnswer, what: string): string {
  if (answer.unchanged) {
    return `Unchanged: version ${answer.version} already serves this supergraph (schema version ${answer.schemaVersion}); nothing recorded.`;
  }
  const lines = [
    formatSchemaCheck(answer.report),
    '',
    `${what}: version ${answer.version} (schema version ${answer.schemaVersion})${answer.approved ? ', approved past the failed check' : ''}.`,
  ];
  if (answer.excludedOperations.length > 0) {
    lines.push(
      'Registered operations it breaks, no longer served to gateways from this version on:',
      ...answer.excludedOperations.map(
        (operation) => `  ${operation.name ?? operation.source} (${operation.client})`,
      ),
    );
  }
  return lines.join('\n');
}

/** A registry's refusal for a person: the report when there is one, then the code and message. */
export function formatRefusal(refusal: RegistryAnswerError): string {
  const report = refusal.error.report;
  return `${report ? `${formatSchemaCheck(report)}\n\n` : ''}Refused (${refusal.code}): ${refusal.message}`;
}

/** Prints an outcome: as JSON (the answer, or `{ error }`), or `format`ted for a person. */
export function printOutcome<T>(json: boolean, outcome: Outcome<T>, format: (answer: T) => string): void {
  if (json) console.log(JSON.stringify(jsonOf(outcome), null, 2));
  else console.log('refusal' in outcome ? formatRefusal(outcome.refusal) : format(outcome.answer));
}

/** An outcome as `--json` prints it: the answer, or the registry's `{ error }`. */
export function jsonOf<T>(outcome: Outcome<T>): T | { error: RegistryAnswerError['error'] } {
  return 'refusal' in outcome ? { error: outcome.refusal.error } : outcome.answer;
}

/** What seeding did, for a person: the clients, the publish's answer or refusal, then each client's operations. */
export function formatSeed(seeded: SeedOutcome): string {
  return [
    ...seeded.clients.map(({ name, created }) =>
      created ? `Created client ${name}.` : `Client ${name} exists; left as it is.`,
    ),
    'refusal' in seeded.publish
      ? formatRefusal(seeded.publish.refusal)
      : formatWriteAnswer(seeded.publish.answer, 'Published'),
    ...seeded.operations.map((outcome) =>
      'refusal' in outcome
        ? formatRefusal(outcome.refusal)
        : `Registered ${outcome.answer.operations} operation(s) of ${outcome.answer.client}.`,
    ),
  ].join('\n');
}
