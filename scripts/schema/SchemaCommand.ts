import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadSchemaConfig, type SchemaCommandConfig } from './config.js';

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

/**
 * Runs the command `argv[0]` names among `commands` with the rest of `argv`, as `npm run <program> -- …`: prints
 * the usage for none or `--help`, and sets the exit code (the command's, or 2 for an unknown command or one that
 * cannot run). npm runs scripts in the package's folder, the repository the commands work on.
 */
export async function runCommand(
  program: string,
  commands: Readonly<Record<string, SchemaCommand>>,
  argv: readonly string[],
): Promise<void> {
  const usage = [
    `usage: npm run ${program} -- <command> [arguments]`,
    ...Object.values(commands).map((c) => `  ${c.usage}`),
  ].join('\n');
  const [name, ...rest] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (name === undefined || name === '--help' || name === '-h') {
    console.log(usage);
  } else if (!command) {
    console.error(`Unknown command "${name}"\n${usage}`);
    process.exitCode = 2;
  } else {
    try {
      process.exitCode = await command.run(rest, loadSchemaConfig(process.env, process.cwd()));
    } catch (error) {
      console.error((error as Error).message);
      process.exitCode = 2;
    }
  }
}
