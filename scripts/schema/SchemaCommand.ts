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
