/**
 * `npm run schema -- <command> …`: the schema owner's commands. Each lives in `scripts/schema/<command>.ts` and is
 * listed in `COMMANDS`. Exit codes: 0 ok, 1 the command's verdict is negative (a failed check), 2 it cannot run
 * (bad arguments or settings, no git base, an unreachable registry). Settings: scripts/schema/config.ts.
 */
import { check } from './schema/check.js';
import { loadSchemaConfig } from './schema/config.js';
import { history } from './schema/history.js';
import { publish } from './schema/publish.js';
import { rollback } from './schema/rollback.js';
import type { SchemaCommand } from './schema/SchemaCommand.js';

const COMMANDS: Readonly<Record<string, SchemaCommand>> = { check, publish, history, rollback };

const usage = () =>
  [
    'usage: npm run schema -- <command> [arguments]',
    ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  ].join('\n');

const [name, ...argv] = process.argv.slice(2);
const command = name === undefined ? undefined : COMMANDS[name];
if (name === undefined || name === '--help' || name === '-h') {
  console.log(usage());
} else if (!command) {
  console.error(`Unknown command "${name}"\n${usage()}`);
  process.exitCode = 2;
} else {
  try {
    // npm runs scripts in the package's folder: the repository whose schema is checked.
    process.exitCode = await command.run(argv, loadSchemaConfig(process.env, process.cwd()));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
