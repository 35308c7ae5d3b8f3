/**
 * `npm run schema -- <command> …`: the schema owner's commands. Each lives in `scripts/schema/<command>.ts` and is
 * listed in `COMMANDS`. Exit codes: 0 ok, 1 the command's verdict is negative (a failed check), 2 it cannot run
 * (bad arguments or settings, no git base, an unreachable registry). Settings: scripts/schema/config.ts.
 */
import { check } from './schema/check.js';
import { history } from './schema/history.js';
import { publish } from './schema/publish.js';
import { rollback } from './schema/rollback.js';
import { runCommand, type SchemaCommand } from './schema/SchemaCommand.js';

const COMMANDS: Readonly<Record<string, SchemaCommand>> = { check, publish, history, rollback };

await runCommand('schema', COMMANDS, process.argv.slice(2));
