import { formatSchemaCheck } from '../../registry/check/formatSchemaCheck.js';
import { checkWithRegistry } from './checkWithRegistry.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from './SchemaCommand.js';

/** The arguments of `npm run schema -- check`. */
export interface CheckArgs {
  /** The subgraph whose change is checked; undefined: every subgraph whose schema differs from the baseline's. */
  subgraph: string | undefined;
  /** A file with the subgraph's proposed SDL, in place of its source in supergraph.yaml. */
  sdl: string | undefined;
  /** The git ref of the baseline (local mode); undefined: the merge base of HEAD with main. */
  base: string | undefined;
  /** Print the `SchemaCheckReport` as JSON instead of text. */
  json: boolean;
}

const USAGE = 'check [subgraph] [--sdl file] [--base ref] [--json]';

/**
 * `npm run schema -- check [subgraph] [--sdl file] [--base ref] [--json]` (also `npm run schema:check`): whether a
 * change to the subgraphs is safe to publish. With `REGISTRY_URL` set, against the registry's current version;
 * without, locally, against `schema/supergraph.graphql` as committed at `--base` (`checkLocally`). Prints the
 * report (`formatSchemaCheck`, or JSON); exits 1 when the check fails, 2 when it cannot check.
 */
export const check: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const args = parseCheckArgs(argv);
    // Local mode needs a repository checkout and its dev dependencies (the TypeScript compiler, for
    // missing-resolver): loaded only when used, so a production image can check against a registry.
    const report = config.registry
      ? await checkWithRegistry(args, config)
      : await (await import('./checkLocally.js')).checkLocally(args, config);
    console.log(args.json ? JSON.stringify(report, null, 2) : formatSchemaCheck(report));
    return report.ok ? 0 : 1;
  },
};

function parseCheckArgs(argv: string[]): CheckArgs {
  const { values, positionals } = parseCommandArgs(
    argv,
    { sdl: { type: 'string' }, base: { type: 'string' }, json: { type: 'boolean' } },
    USAGE,
  );
  if (positionals.length > 1) throw new CannotRun(`One subgraph at most; got ${positionals.join(', ')}`);
  const subgraph = positionals[0];
  if (values.sdl !== undefined && subgraph === undefined)
    throw new CannotRun('--sdl needs the subgraph it replaces');
  return { subgraph, sdl: values.sdl, base: values.base, json: values.json ?? false };
}
