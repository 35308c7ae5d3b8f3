import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { SchemaCommandConfig } from './config.js';

/** One subcommand of `npm run schema -- <command>` (`scripts/schema/<command>.ts`). */
export interface SchemaCommand {
  /** One line: the command and its arguments. */
  usage: string;
  /** Runs it with the arguments after the command's name; resolves to the exit code (0 ok, 1 failed). */
  run(argv: string[], config: SchemaCommandConfig): Promise<number>;
}

/**
 * A command that cannot do its work (bad arguments, an unknown subgraph, no git base, an unreachable server):
 * `npm run schema` prints the message and exits 2.
 */
export class CannotRun extends Error {
  override readonly name = 'CannotRun';
}

/**
 * A command's arguments by `parseArgs` (positionals allowed, unknown options refused); a bad one is `CannotRun`
 * with the command's usage line, as `npm run <program>` (default `schema`) takes it.
 */
export function parseCommandArgs<const O extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: O,
  usage: string,
  program = 'schema',
): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>> {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options });
  } catch (error) {
    throw new CannotRun(`${(error as Error).message}\nusage: npm run ${program} -- ${usage}`);
  }
}
