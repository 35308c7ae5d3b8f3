import { formatSeed, formatWriteAnswer, jsonOf, printOutcome } from './formatRegistryAnswer.js';
import { proposedSubgraph } from './proposedSubgraph.js';
import { authorship, registryClient, send } from './registryAccess.js';
import { seedRegistry } from './seedRegistry.js';
import { CannotRun, parseCommandArgs, type SchemaCommand } from './SchemaCommand.js';

const USAGE =
  'publish <subgraph> [--url routing-url] [--sdl file] [--approve reason] [--author a] [--commit sha] [--json]\n' +
  '  publish --all [--approve reason] [--author a] [--commit sha] [--json]';

/**
 * `npm run schema -- publish <subgraph> …` (`REGISTRY_URL`, `REGISTRY_TOKEN`): publishes a subgraph to the
 * registry, with its routing URL (`--url`, default supergraph.yaml's `routing_url`) and SDL (`--sdl`, default its
 * source in supergraph.yaml). The registry refuses it unless the running subgraph at that URL already serves the
 * SDL and the check against its current version passes, or `--approve <reason>` approves a failed check.
 *
 * `--all` seeds a registry from the repository: the clients of `config/clients.json` it lacks (by their keys'
 * digests; one it has is left as it is), every subgraph of supergraph.yaml in one version, then the registered
 * operations of each client (page operations for `storefront`, the persisted-query manifest for each
 * `persisted-only` client) with `PUT /operations`.
 *
 * Exits 0 when published or unchanged, 1 when refused, 2 when it cannot run (bad arguments, unreachable registry).
 */
export const publish: SchemaCommand = {
  usage: USAGE,
  async run(argv, config) {
    const args = parsePublishArgs(argv);
    const client = registryClient(config, 'publish');
    const { author, commit } = await authorship(config, args);
    const approval = args.approve === undefined ? null : { reason: args.approve };
    if (!args.all) {
      const subgraph = await proposedSubgraph(config, args.subgraph!, { url: args.url, sdl: args.sdl });
      const published = await send(
        () => client.publish({ subgraphs: [subgraph], author, commit, approval }),
        config,
      );
      printOutcome(args.json, published, (answer) => formatWriteAnswer(answer, 'Published'));
      return 'refusal' in published ? 1 : 0;
    }
    const seeded = await seedRegistry(client, config, { author, commit, approval });
    if (args.json) {
      const operations = seeded.operations.map(jsonOf);
      const output = { clients: seeded.clients, publish: jsonOf(seeded.publish), operations };
      console.log(JSON.stringify(output, null, 2));
    } else {
      console.log(formatSeed(seeded));
    }
    return [seeded.publish, ...seeded.operations].some((outcome) => 'refusal' in outcome) ? 1 : 0;
  },
};

interface PublishArgs {
  subgraph: string | undefined;
  all: boolean;
  url: string | undefined;
  sdl: string | undefined;
  approve: string | undefined;
  author: string | undefined;
  commit: string | undefined;
  json: boolean;
}

function parsePublishArgs(argv: string[]): PublishArgs {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      all: { type: 'boolean' },
      url: { type: 'string' },
      sdl: { type: 'string' },
      approve: { type: 'string' },
      author: { type: 'string' },
      commit: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  );
  const all = values.all ?? false;
  if (all && (positionals.length > 0 || values.url !== undefined || values.sdl !== undefined)) {
    throw new CannotRun(
      '--all publishes every subgraph of supergraph.yaml: name no subgraph, --url or --sdl',
    );
  }
  if (!all && positionals.length !== 1) {
    throw new CannotRun(`Name one subgraph to publish, or --all\nusage: npm run schema -- ${USAGE}`);
  }
  if (values.approve !== undefined && values.approve.trim() === '') {
    throw new CannotRun('--approve needs a reason, recorded in the history');
  }
  return {
    subgraph: positionals[0],
    all,
    url: values.url,
    sdl: values.sdl,
    approve: values.approve,
    author: values.author,
    commit: values.commit,
    json: values.json ?? false,
  };
}
