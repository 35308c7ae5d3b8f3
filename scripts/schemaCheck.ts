/**
 * `npm run schema:check -- [subgraph] [--sdl file] [--json]`: whether a subgraph change is safe to merge.
 *
 * Composes supergraph.yaml's subgraphs, with `subgraph`'s SDL replaced by `--sdl file` when given (else the working
 * tree's schema files), and reports composition errors by subgraph; diffs the new API schema against that of the
 * committed schema/supergraph.graphql, each change classified breaking, dangerous or safe by GraphQL Inspector;
 * checks every registered operation (schema/operations for the storefront, the persisted-query manifest for each
 * `persisted-only` client in the client registry) against the new schema and names each that would break, with its
 * client; and prints each page operation's cost under the new supergraph, as the gateway counts it, with the limit.
 *
 * Exits 1 on composition errors or a broken operation (a page operation over the cost limit is broken), 2 when it
 * cannot check (bad arguments, an unknown subgraph, an unreadable file), else 0: a breaking change no registered
 * operation uses is a warning. `--json` prints the
 * `SchemaCheckReport` (scripts/lib/runSchemaCheck.ts) instead of text. `CLIENTS_PATH`,
 * `PERSISTED_QUERY_MANIFEST_PATH`, `LIMIT_MAX_COST` and `LIMIT_DEFAULT_LIST_SIZE` are read as the gateway reads them.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadOperationLimitsConfig } from '../gateway/limits/operationLimits.js';
import { loadPartnersConfig } from '../gateway/partners/loadPartnersConfig.js';
import { formatSchemaCheck } from './lib/formatSchemaCheck.js';
import { runSchemaCheck } from './lib/runSchemaCheck.js';

const USAGE = 'usage: npm run schema:check -- [subgraph] [--sdl file] [--json]';
const root = path.resolve(import.meta.dirname, '..');

let args: ReturnType<typeof parseCommandLine>;
try {
  args = parseCommandLine(process.argv.slice(2));
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const report = await check(args).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(2);
});
console.log(args.json ? JSON.stringify(report, null, 2) : formatSchemaCheck(report));
process.exitCode = report.ok ? 0 : 1;

function check({ subgraph, sdl }: { subgraph: string | undefined; sdl: string | undefined }) {
  const partners = loadPartnersConfig(process.env, root);
  return runSchemaCheck({
    root,
    configPath: path.join(root, 'supergraph.yaml'),
    baselinePath: path.join(root, 'schema', 'supergraph.graphql'),
    operationsDir: path.join(root, 'schema', 'operations'),
    clientsPath: partners.clientsPath,
    manifestPath: partners.manifestPath,
    subgraph,
    sdlPath: sdl,
    limits: loadOperationLimitsConfig(process.env),
  });
}

function parseCommandLine(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { sdl: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (positionals.length > 1) throw new Error(`One subgraph at most; got ${positionals.join(', ')}`);
  const subgraph = positionals[0];
  if (values.sdl !== undefined && subgraph === undefined)
    throw new Error('--sdl needs the subgraph it replaces');
  return { subgraph, sdl: values.sdl, json: values.json ?? false, help: values.help ?? false };
}
