import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Secret, Service } from 'kubernetes-models/v1';
import { parseAllDocuments } from 'yaml';
import { loadClientAddressConfig } from '../gateway/http/clientAddress.js';

// Jest's ESM mode gives no import.meta.dirname.
const K8S_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../deploy/k8s');
const SUBGRAPHS = ['catalog', 'inventory', 'pricing', 'customer', 'content'];

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

const files = readdirSync(K8S_DIR).filter((file) => file.endsWith('.yaml'));
const manifests = files.flatMap((file) => readManifests(readFileSync(path.join(K8S_DIR, file), 'utf8')));

interface Container {
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

function podSpec(name: string): PodSpec {
  const deployment = manifests.find((m) => m.kind === 'Deployment' && m.metadata?.name === name);
  if (!deployment) throw new Error(`no Deployment ${name}`);
  return (deployment['spec'] as { template: { spec: PodSpec } }).template.spec;
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

  it('run the gateway and every subgraph with probes on the health endpoints and resource requests', () => {
    for (const name of ['gateway', ...SUBGRAPHS]) {
      const app = container(name);
      expect([name, app.readinessProbe?.httpGet?.path]).toEqual([name, '/health/ready']);
      expect([name, app.livenessProbe?.httpGet?.path]).toEqual([name, '/health/live']);
      expect(app.resources?.requests).toEqual({ cpu: expect.any(String), memory: expect.any(String) });
      expect(app.resources?.limits?.['memory']).toEqual(expect.any(String));
    }
  });

  it('read Redis and PostgreSQL URLs and secrets from a Secret, never inline', () => {
    const secretNames = ['REDIS_URL', 'DATABASE_URL', 'AUTH_SECRET', 'INTERNAL_AUTH_SECRET'];
    const read: string[] = [];
    for (const name of ['gateway', ...SUBGRAPHS]) {
      for (const variable of container(name).env ?? []) {
        if (!secretNames.includes(variable.name)) continue;
        expect([name, variable.name, variable.value]).toEqual([name, variable.name, undefined]);
        expect(variable.valueFrom?.secretKeyRef?.name).toBe('commerce-secrets');
        read.push(`${name}:${variable.name}`);
      }
    }
    expect(read).toEqual(
      expect.arrayContaining([
        'gateway:REDIS_URL',
        'gateway:INTERNAL_AUTH_SECRET',
        ...SUBGRAPHS.map((name) => `${name}:DATABASE_URL`),
      ]),
    );
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
    for (const name of ['gateway', ...SUBGRAPHS]) {
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
    for (const name of ['gateway', ...SUBGRAPHS]) {
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
    // Room left for superuser_reserved_connections (3) and an operator's psql.
    expect(connections).toBeLessThanOrEqual(maxConnections - 10);
  });

  it('let only the gateway reach the subgraphs, and only the ingress reach the gateway', () => {
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
    expect(podsAllowed).toEqual([{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'gateway' } } }]);
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
});
