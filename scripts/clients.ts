/**
 * `npm run clients -- <command> …`: the registry's clients and their API keys (admin). Each command lives in
 * `scripts/clients/<command>.ts`. Exit codes as `npm run schema`'s: 0 ok, 1 refused (a taken name, an unknown
 * client), 2 it cannot run (bad arguments or settings, an unreachable registry). Settings: `REGISTRY_URL`,
 * `REGISTRY_TOKEN` (scripts/schema/config.ts).
 */
import { create } from './clients/create.js';
import { list } from './clients/list.js';
import { revoke } from './clients/revoke.js';
import { rotate } from './clients/rotate.js';
import { loadSchemaConfig } from './schema/config.js';
import type { SchemaCommand } from './schema/SchemaCommand.js';

const COMMANDS: Readonly<Record<string, SchemaCommand>> = { create, list, rotate, revoke };

const usage = () =>
  [
    'usage: npm run clients -- <command> [arguments]',
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
    process.exitCode = await command.run(argv, loadSchemaConfig(process.env, process.cwd()));
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
  }
}
