import type { ComposeService, Deployments } from './readDeployments.js';
import type { SupergraphSubgraph } from './supergraphSubgraphs.js';

/** The first port of the subgraphs: each listens on it plus its place in supergraph.yaml (`SUBGRAPH_BASE_PORT`). */
const BASE_PORT = 4001;
const URL_VARIABLE = /^SUBGRAPH_[A-Z0-9_]+_URL$/;
const LOOPBACK = /:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(?=[:/]|$)/i;

/**
 * Where `deployments` disagree with `subgraphs`, the list of supergraph.yaml: one line per thing missing, extra or
 * wrong, naming the file and the object. Empty when every place runs exactly the subgraphs of the list:
 * `subgraphs/index.ts` (same order, which sets the default ports), codegen's resolver types, the Dockerfile's
 * `EXPOSE`, each compose file (a service per subgraph on its port; whatever publishes routing URLs names every one)
 * and the k8s manifests (Deployment, Service, autoscaler and disruption budget per subgraph; likewise the URLs).
 */
export function subgraphListMismatches(subgraphs: SupergraphSubgraph[], deployments: Deployments): string[] {
  const names = subgraphs.map((subgraph) => subgraph.name);
  const index = deployments.subgraphIndex;
  const problems: string[] = [];
  subgraphs.forEach(({ name, port }, place) => {
    if (port === BASE_PORT + place) return;
    problems.push(
      `supergraph.yaml: ${name} routes to port ${port}, but listens on ${BASE_PORT + place} (its place)`,
    );
  });
  problems.push(
    ...names.filter((name) => !index.includes(name)).map((name) => `subgraphs/index.ts: no subgraph ${name}`),
  );
  for (const name of index.filter((name) => !names.includes(name))) {
    problems.push(`subgraphs/index.ts: ${name} is not in supergraph.yaml`);
  }
  const common = names.filter((name) => index.includes(name));
  if (common.join() !== index.filter((name) => names.includes(name)).join()) {
    problems.push(`subgraphs/index.ts: not in supergraph.yaml's order (${common.join(', ')})`);
  }
  for (const name of names.filter((name) => !deployments.generatedResolvers.includes(name))) {
    problems.push(`codegen: no subgraphs/${name}/__generated__/resolvers.ts (run npm run codegen)`);
  }
  const exposed = /^EXPOSE\s+(.+)$/m.exec(deployments.dockerfile)?.[1]?.split(/\s+/) ?? [];
  for (const { name, port } of subgraphs.filter(({ port }) => !exposed.includes(String(port)))) {
    problems.push(`Dockerfile: EXPOSE lacks ${port} (${name})`);
  }
  for (const { file, services } of deployments.composeFiles) {
    problems.push(...composeMismatches(subgraphs, file, services));
  }
  return [...problems, ...manifestMismatches(subgraphs, deployments)];
}

/**
 * Every environment variable of a compose service or a k8s container whose value points at the loopback address
 * (127.x, localhost, ::1): inside a container that is the container itself, never another service.
 */
export function loopbackSettings(deployments: Deployments): string[] {
  const found: string[] = [];
  for (const { file, services } of deployments.composeFiles) {
    for (const [service, { environment }] of Object.entries(services)) {
      for (const [variable, value] of Object.entries(environment)) {
        if (LOOPBACK.test(value)) found.push(`${file}: service ${service} sets ${variable}=${value}`);
      }
    }
  }
  for (const { file, kind, name, env } of deployments.workloads) {
    for (const [variable, value] of Object.entries(env)) {
      if (LOOPBACK.test(value)) found.push(`${file}: ${kind} ${name} sets ${variable}=${value}`);
    }
  }
  return found;
}

function composeMismatches(
  subgraphs: SupergraphSubgraph[],
  file: string,
  services: Record<string, ComposeService>,
): string[] {
  const problems: string[] = [];
  for (const { name, port } of subgraphs) {
    const service = services[name];
    if (service?.command.at(-1) !== name) problems.push(`${file}: no service ${name} running that subgraph`);
    else if (service.environment[portVariable(name)] !== String(port)) {
      problems.push(`${file}: service ${name} does not set ${portVariable(name)}=${port}`);
    }
  }
  for (const [service, { command, environment, dependsOn }] of Object.entries(services)) {
    const ran = command.includes('dist/subgraphs/main.js') ? command.at(-1)! : undefined;
    if (ran !== undefined && !subgraphs.some(({ name }) => name === ran)) {
      problems.push(`${file}: service ${service} runs ${ran}, which is not in supergraph.yaml`);
    }
    if (!resolvesRoutingUrls(command, environment)) continue;
    problems.push(...routingUrlMismatches(subgraphs, `${file}: service ${service}`, environment));
    // A publish asks each subgraph for the schema it serves: every one must be up first.
    if (!command.includes('publish')) continue;
    for (const { name } of subgraphs.filter(({ name }) => dependsOn[name] !== 'service_healthy')) {
      problems.push(`${file}: service ${service} does not wait for ${name} to be healthy`);
    }
  }
  return problems;
}

function manifestMismatches(
  subgraphs: SupergraphSubgraph[],
  { manifests, workloads }: Deployments,
): string[] {
  const problems: string[] = [];
  const find = (kind: string, name: string) =>
    manifests.find(({ manifest }) => manifest.kind === kind && manifest.metadata?.name === name)?.manifest;
  for (const { name, port } of subgraphs) {
    const workload = workloads.find((each) => each.kind === 'Deployment' && each.name === name);
    if (workload?.command.at(-1) !== name)
      problems.push(`deploy/k8s: no Deployment ${name} running that subgraph`);
    else if (workload.env[portVariable(name)] !== String(port) || workload.containerPort !== port) {
      problems.push(
        `deploy/k8s: Deployment ${name} does not listen on ${port} (${portVariable(name)}, containerPort)`,
      );
    }
    const service = find('Service', name)?.spec as { ports?: { port?: number }[] } | undefined;
    if (service?.ports?.[0]?.port !== port) problems.push(`deploy/k8s: no Service ${name} on port ${port}`);
    for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget']) {
      if (!find(kind, name)) problems.push(`deploy/k8s: no ${kind} ${name}`);
    }
  }
  for (const { manifest } of manifests) {
    const name = manifest.metadata?.name ?? '';
    if (manifest.metadata?.labels?.['app.kubernetes.io/component'] !== 'subgraph') continue;
    if (!subgraphs.some((subgraph) => subgraph.name === name)) {
      problems.push(`deploy/k8s: ${manifest.kind} ${name} is a subgraph that is not in supergraph.yaml`);
    }
  }
  for (const { kind, name, command, env } of workloads) {
    if (resolvesRoutingUrls(command, env)) {
      problems.push(...routingUrlMismatches(subgraphs, `deploy/k8s: ${kind} ${name}`, env));
    }
  }
  return problems;
}

/**
 * Whether a program takes subgraphs' routing URLs from its environment: a publish to the registry (which would
 * otherwise publish supergraph.yaml's 127.0.0.1 URLs), or anything given one `SUBGRAPH_<NAME>_URL` (a subgraph left
 * out would fall back to its 127.0.0.1 routing URL).
 */
function resolvesRoutingUrls(command: string[], env: Record<string, string>): boolean {
  return command.includes('publish') || Object.keys(env).some((name) => URL_VARIABLE.test(name));
}

/** Each subgraph's `SUBGRAPH_<NAME>_URL` must be `http://<name>:<port>/graphql`: its Service, on its port. */
function routingUrlMismatches(
  subgraphs: SupergraphSubgraph[],
  where: string,
  env: Record<string, string>,
): string[] {
  const variables = subgraphs.map(({ name }) => urlVariable(name));
  const extra = Object.keys(env).filter((name) => URL_VARIABLE.test(name) && !variables.includes(name));
  return [
    ...subgraphs.flatMap(({ name, port }) => {
      const [variable, expected] = [urlVariable(name), `http://${name}:${port}/graphql`];
      if (env[variable] === undefined) return [`${where}: no ${variable} (expected ${expected})`];
      return env[variable] === expected ? [] : [`${where}: ${variable} is ${env[variable]}, not ${expected}`];
    }),
    ...extra.map((variable) => `${where}: sets ${variable}, which names no subgraph of supergraph.yaml`),
  ];
}

function urlVariable(name: string): string {
  return `SUBGRAPH_${name.toUpperCase()}_URL`;
}

function portVariable(name: string): string {
  return `${name.toUpperCase()}_PORT`;
}
