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
import { runCommand, type SchemaCommand } from './schema/SchemaCommand.js';

const COMMANDS: Readonly<Record<string, SchemaCommand>> = { create, list, rotate, revoke };

await runCommand('clients', COMMANDS, process.argv.slice(2));
