import { printOutcome } from '../schema/formatRegistryAnswer.js';
import { registryClient, send } from '../schema/registryAccess.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from '../schema/SchemaCommand.js';

const USAGE = 'rotate <name> [--overlap 1d] [--json]';

/**
 * `npm run clients -- rotate <name>` (`REGISTRY_URL`, admin `REGISTRY_TOKEN`): gives the client a new API key
 * (printed this once); its earlier keys keep working for `--overlap` (`90s`, `30m`, `1h`, `2d`, or seconds; default
 * one day; `0` refuses them from the gateways' next poll). Exits 0 when rotated, 1 for an unknown client, 2 when it
 * cannot run.
 */
export const rotate: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { overlap: { type: 'string' }, json: { type: 'boolean' } },
      USAGE,
      'clients',
    );
    if (positionals.length !== 1) throw new CannotRun(`Name one client\nusage: npm run clients -- ${USAGE}`);
    const overlapSeconds = values.overlap === undefined ? undefined : parseOverlap(values.overlap);
    const client = registryClient(config, 'rotate');
    const outcome = await send(() => client.rotateClientKey(positionals[0]!, overlapSeconds), config);
    printOutcome(values.json ?? false, outcome, (answer) =>
      [
        `New API key for ${answer.name}, shown this once (the registry keeps only its SHA-256):`,
        `  ${answer.key}`,
        `Its earlier keys work until ${answer.previousKeysExpireAt}.`,
      ].join('\n'),
    );
    return 'refusal' in outcome ? 1 : 0;
  },
};

const UNITS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** `--overlap`: a whole number of seconds, or one with a unit (`90s`, `30m`, `1h`, `2d`). */
export function parseOverlap(raw: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(raw.trim());
  if (!match)
    throw new CannotRun(`--overlap is "${raw}"; use seconds or a number with s, m, h or d (e.g. 1h, 0)`);
  return Number(match[1]) * UNITS[match[2] || 's']!;
}
