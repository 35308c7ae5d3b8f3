import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { loadClientAddressConfig } from '../gateway/http/clientAddress.js';
import { supergraphSubgraphs } from './support/supergraphSubgraphs.js';

// Jest's ESM mode gives no import.meta.dirname.
const K8S_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../deploy/k8s');
const SUBGRAPHS = supergraphSubgraphs().map((subgraph) => subgraph.name);
/** The Deployments, then the Job, that run the image's programs. */
const DEPLOYMENTS = ['gateway', 'registry', ...SUBGRAPHS];
const WORKLOADS = [...DEPLOYMENTS, 'registry-seed'];

/** A manifest object as read from YAML: only the fields this test looks at are typed. */
interface Manifest {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string };
  [field: string]: unknown;
}

// Every kind the manifests may use, checked against the Kubernetes API's OpenAPI schema by kubernetes-models.
const MODELS: Record<string, (manifest: Manifest) => { validate(): void }> = {
  'apps/v1/Deployment': (manifest) => new Deployment(manifest as never),
  'autoscaling/v2/HorizontalPodAutoscaler': (manifest) => new HorizontalPodAutoscaler(manifest as never),
  'batch/v1/Job': (manifest) => new Job(manifest as never),
  'networking.k8s.io/v1/NetworkPolicy': (manifest) => new NetworkPolicy(manifest as never),
  'policy/v1/PodDisruptionBudget': (manifest) => new PodDisruptionBudget(manifest as never),
  'v1/Secret': (manifest) => new Secret(manifest as never),
  'v1/Service': (manifest) => new Service(manifest as never),
};

function readManifests(text: string): Manifest[] {
  return parseAllDocuments(text).map((document) => {
    if (document.errors.length > 0) throw document.errors[0]!;
    return document.toJS() as Manifest;
  });
}

/** Validates one manifest against its kind's schema; throws naming the object and the first violation. */
function validate(manifest: Manifest): void {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  const model = MODELS[key];
  if (!model) throw new Error(`${manifest.metadata?.name}: no schema for ${key}`);
  try {
    model(manifest).validate();
  } catch (error) {
    throw new Error(`${key} ${manifest.metadata?.name}: ${(error as Error).message}`);
  }
}

// Sub-folders too: install/ holds what is applied once, on the first install.
const files = readdirSync(K8S_DIR, { recursive: true, encoding: 'utf8' }).filter((file) =>
  file.endsWith('.yaml'),
);
const manifests = files.flatMap((file) => readManifests(readFileSync(path.join(K8S_DIR, file), 'utf8')));

interface Container {
  command?: string[];
  image?: string;
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string }[];
  ports?: { name?: string; containerPort: number }[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  readinessProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

interface PodSpec {
  containers: Container[];
  securityContext?: Record<string, unknown>;
  volumes?: { name: string; emptyDir?: unknown }[];
  topologySpreadConstraints?: {
    topologyKey: string;
    labelSelector?: { matchLabels?: Record<string, string> };
  }[];
}

/** The pod spec of the Deployment or Job named `name`. */
function podSpec(name: string): PodSpec {
  const workload = manifests.find(
    (m) => ['Deployment', 'Job'].includes(m.kind!) && m.metadata?.name === name,
  );
  if (!workload) throw new Error(`no Deployment or Job ${name}`);
  return (workload['spec'] as { template: { spec: PodSpec } }).template.spec;
}

function container(name: string): Container {
  return podSpec(name).containers[0]!;
}

/** The spec of the `kind` object named `name`. */
function specOf(kind: string, name: string): Record<string, unknown> | undefined {
  return manifests.find((m) => m.kind === kind && m.metadata?.name === name)?.['spec'] as
    Record<string, unknown> | undefined;
}

/** The value of `variable` in `name`'s container, as a number. */
function envNumber(name: string, variable: string): number {
  return Number(container(name).env?.find((entry) => entry.name === variable)?.value);
}

describe('deploy/k8s manifests', () => {
  it('are all valid against the Kubernetes API schemas', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const manifest of manifests) validate(manifest);
  });

  it('fail validation when a manifest is broken', () => {
    const deployment = manifests.find((m) => m.kind === 'Deployment')!;
    const broken = structuredClone(deployment);
    (broken['spec'] as { replicas: unknown }).replicas = 'three';
    expect(() => validate(broken)).toThrow(/replicas must be integer/);
    const nameless = structuredClone(deployment);
    delete (nameless['spec'] as { template: { spec: { containers: { name?: string }[] } } }).template.spec
      .containers[0]!.name;
    expect(() => validate(nameless)).toThrow(/containers\/0 must have required property name/);
    expect(() => validate({ ...deployment, kind: 'Deploymnt' })).toThrow(/no schema/);
  });

  it('run the gateway, the registry and every subgraph with probes on the health endpoints and resource requests', () => {
    for (const name of DEPLOYMENTS) {
      const app = container(name);
      expect([name, app.readinessProbe?.httpGet?.path]).toEqual([name, '/health/ready']);
      expect([name, app.livenessProbe?.httpGet?.path]).toEqual([name, '/health/live']);
      expect(app.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(app.resources?.limits?.['memory']).toEqual(expect.any(String));
    }
  });

  it('read Redis and PostgreSQL URLs, secrets and registry tokens from a Secret, never inline', () => {
    const secretNames = [
      'REDIS_URL',
      'DATABASE_URL',
      'REGISTRY_DATABASE_URL',
      'AUTH_SECRET',
      'INTERNAL_AUTH_SECRET',
      'REGISTRY_ADMIN_TOKEN',
      'REGISTRY_READ_TOKEN',
      'REGISTRY_PUBLISH_TOKENS',
      'REGISTRY_TOKEN',
    ];
    const secret = manifests.find((m) => m.kind === 'Secret' && m.metadata?.name === 'commerce-secrets');
    const keys = Object.keys((secret?.['stringData'] as Record<string, string> | undefined) ?? {});
    const read: string[] = [];
    for (const name of WORKLOADS) {
      for (const variable of container(name).env ?? []) {
        const ref = variable.valueFrom?.secretKeyRef;
        // Every key read is one the example Secret shows.
        if (ref) expect([name, variable.name, keys.includes(ref.key)]).toEqual([name, variable.name, true]);
        if (!secretNames.includes(variable.name)) continue;
        expect([name, variable.name, variable.value]).toEqual([name, variable.name, undefined]);
        expect(ref?.name).toBe('commerce-secrets');
        read.push(`${name}:${variable.name}:${ref?.key}`);
      }
    }
    expect(read).toEqual(
      expect.arrayContaining([
        'gateway:REDIS_URL:redis-url',
        'gateway:INTERNAL_AUTH_SECRET:internal-auth-secret',
        ...SUBGRAPHS.map((name) => `${name}:DATABASE_URL:database-url`),
        'registry:DATABASE_URL:database-url',
        'registry:INTERNAL_AUTH_SECRET:internal-auth-secret',
        'registry:REGISTRY_ADMIN_TOKEN:registry-admin-token',
        'registry:REGISTRY_READ_TOKEN:registry-read-token',
        'registry:REGISTRY_PUBLISH_TOKENS:registry-publish-tokens',
        // Gateways only read; the seed also registers the operations, which takes the admin token.
        'gateway:REGISTRY_TOKEN:registry-read-token',
        'registry-seed:REGISTRY_TOKEN:registry-admin-token',
      ]),
    );
  });

  it('have the gateway read its supergraph from the registry Service, which the seed Job fills once', () => {
    const env = (name: string, variable: string) =>
      container(name).env?.find((entry) => entry.name === variable)?.value;
    const registryUrl = new URL(env('gateway', 'REGISTRY_URL') ?? 'missing:');
    const service = specOf('Service', registryUrl.hostname) as { ports: { port: number }[] } | undefined;
    expect([registryUrl.hostname, service?.ports[0]?.port]).toEqual(['registry', Number(registryUrl.port)]);
    expect(container('registry').ports).toEqual([{ name: 'http', containerPort: Number(registryUrl.port) }]);
    // No routing URLs of its own: the published supergraph carries them.
    expect(container('gateway').env?.filter((entry) => /^SUBGRAPH_\w+_URL$/.test(entry.name))).toEqual([]);
    expect(env('registry-seed', 'REGISTRY_URL')).toBe(registryUrl.href.replace(/\/$/, ''));
    const seed = manifests.find((m) => m.kind === 'Job' && m.metadata?.name === 'registry-seed');
    expect(container('registry-seed').command).toEqual([
      'node',
      'dist/scripts/schema.js',
      'publish',
      '--all',
    ]);
    expect(seed?.['spec']).toMatchObject({
      backoffLimit: expect.any(Number),
      template: { spec: { restartPolicy: 'Never' } },
    });
    // Applied once, apart: `kubectl apply -f deploy/k8s/` (not recursive) never publishes over the teams' schemas.
    expect(
      files.filter((file) => readFileSync(path.join(K8S_DIR, file), 'utf8').includes('kind: Job')),
    ).toEqual([path.join('install', 'registrySeed.yaml')]);
  });

  it('scrape the gateway on its metrics port, which its Service does not route', () => {
    const gateway = container('gateway');
    expect(gateway.env).toContainEqual({ name: 'METRICS_PORT', value: '9464' });
    expect(gateway.ports).toContainEqual({ name: 'metrics', containerPort: 9464 });
    const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata?.name === 'gateway');
    const template = (
      deployment?.['spec'] as { template: { metadata: { annotations?: Record<string, string> } } }
    ).template;
    expect(template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9464',
      'prometheus.io/path': '/metrics',
    });
    const service = manifests.find((m) => m.kind === 'Service' && m.metadata?.name === 'gateway');
    const routed = (service?.['spec'] as { ports: { targetPort: string | number }[] }).ports;
    expect(routed.map((port) => port.targetPort)).toEqual(['http']);
  });

  it('scale the gateway with a HorizontalPodAutoscaler', () => {
    const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler');
    expect(hpa?.['spec']).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gateway' },
    });
  });

  it("have the gateway trust the ingress's X-Forwarded-For, with a setting the gateway accepts", () => {
    const trusted = container('gateway').env?.find((variable) => variable.name === 'TRUSTED_PROXIES');
    expect(loadClientAddressConfig({ TRUSTED_PROXIES: trusted?.value }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
  });

  it('run every container read-only, unprivileged, under RuntimeDefault seccomp, from a pinned image', () => {
    for (const name of WORKLOADS) {
      const pod = podSpec(name);
      expect([name, pod.securityContext]).toEqual([
        name,
        expect.objectContaining({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }),
      ]);
      const app = container(name);
      expect([name, app.securityContext]).toEqual([
        name,
        {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        },
      ]);
      // The only writable place is an emptyDir at /tmp.
      expect(app.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: expect.any(Object) }]);
      expect([name, app.image]).toEqual([
        name,
        expect.stringMatching(/^[\w./-]+:\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/),
      ]);
    }
  });

  it('spread the replicas of every Deployment over nodes', () => {
    for (const name of DEPLOYMENTS) {
      expect([name, podSpec(name).topologySpreadConstraints]).toEqual([
        name,
        [
          expect.objectContaining({
            topologyKey: 'kubernetes.io/hostname',
            labelSelector: { matchLabels: { 'app.kubernetes.io/name': name } },
          }),
        ],
      ]);
    }
  });

  it('keep every subgraph available through disruptions and scale it within the connection budget', () => {
    const maxConnections = 100; // PostgreSQL's default max_connections
    let connections = 0;
    for (const name of SUBGRAPHS) {
      expect([name, specOf('PodDisruptionBudget', name)]).toEqual([
        name,
        { minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': name } } },
      ]);
      const hpa = specOf('HorizontalPodAutoscaler', name) as { maxReplicas: number; scaleTargetRef: unknown };
      expect(hpa.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      const poolSize = envNumber(name, 'DATABASE_POOL_SIZE');
      expect([name, poolSize]).toEqual([name, expect.any(Number)]);
      connections += hpa.maxReplicas * poolSize;
    }
    const registry = specOf('Deployment', 'registry') as { replicas: number };
    connections += registry.replicas * envNumber('registry', 'DATABASE_POOL_SIZE');
    // Room left for superuser_reserved_connections (3) and an operator's psql.
    expect(connections).toBeLessThanOrEqual(maxConnections - 10);
  });

  it('let only the gateway and the registry reach the subgraphs, and only the ingress reach the gateway', () => {
    interface Rule {
      from?: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: unknown }[];
    }
    const subgraphs = specOf('NetworkPolicy', 'subgraphs') as {
      podSelector: unknown;
      policyTypes: string[];
      ingress: Rule[];
    };
    expect(subgraphs.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/component': 'subgraph' } });
    expect(subgraphs.policyTypes).toEqual(['Ingress', 'Egress']);
    const podsAllowed = subgraphs.ingress
      .flatMap((rule) => rule.from ?? [])
      .filter((peer) => peer.podSelector);
    expect(podsAllowed).toEqual([
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } },
      // The registry asks a subgraph for the schema it serves before it publishes one.
      { podSelector: { matchLabels: { 'app.kubernetes.io/name': 'registry' } } },
    ]);
    const gateway = specOf('NetworkPolicy', 'gateway') as { ingress: Rule[] };
    expect(gateway.ingress.flatMap((rule) => rule.from ?? []).every((peer) => peer.namespaceSelector)).toBe(
      true,
    );
    for (const name of SUBGRAPHS) {
      const labels = (
        manifests.find((m) => m.kind === 'Deployment' && m.metadata?.name === name)?.['spec'] as {
          template: { metadata: { labels: Record<string, string> } };
        }
      ).template.metadata.labels;
      expect([name, labels['app.kubernetes.io/component']]).toEqual([name, 'subgraph']);
    }
  });

  it('let the gateway and the seed reach the registry, and the registry reach the subgraphs', () => {
    interface Peer {
      podSelector?: { matchLabels: Record<string, string> };
      namespaceSelector?: unknown;
    }
    interface Rule {
      from?: Peer[];
      to?: Peer[];
      ports?: { port: string | number }[];
    }
    const policy = (name: string) => specOf('NetworkPolicy', name) as { ingress: Rule[]; egress: Rule[] };
    const pods = (peers: Peer[]) =>
      peers.flatMap((peer) => Object.values(peer.podSelector?.matchLabels ?? {}));
    const registry = policy('registry');
    expect(pods(registry.ingress.flatMap((rule) => rule.from ?? []))).toEqual(['gateway', 'registry-seed']);
    expect(registry.ingress.flatMap((rule) => rule.ports ?? [])).toEqual([{ port: 'http' }]);
    // Egress to pods names their port `http`, whatever its number: a new subgraph's port needs no edit here.
    const reaches = (name: string) =>
      policy(name)
        .egress.filter((rule) => rule.to)
        .map((rule) => [pods(rule.to!), rule.ports]);
    expect(reaches('gateway')).toEqual([
      [['subgraph'], [{ port: 'http' }]],
      [['registry'], [{ port: 'http' }]],
    ]);
    expect(reaches('registry')).toEqual([[['subgraph'], [{ port: 'http' }]]]);
    for (const name of ['gateway', 'registry', ...SUBGRAPHS]) {
      expect([name, container(name).ports?.[0]?.name]).toEqual([name, 'http']);
    }
  });
});
