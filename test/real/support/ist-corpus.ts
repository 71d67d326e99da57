/**
 * A generated corpus for the istioctl differential test: small meshes (namespaces, Services,
 * Deployments, Pods) with Istio config over them, each reference drawn valid or invalid at random.
 * Deterministic: the same seed gives the same cases, so a difference found once is found again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { seededRandom } from '../../support/hostile-mutations';

type Resource = Record<string, unknown>;

class Dice {
  constructor(private readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  some<T>(items: readonly T[], min: number, max: number): T[] {
    const pool = [...items];
    const count = Math.min(pool.length, this.int(min, max));
    const chosen: T[] = [];
    while (chosen.length < count) chosen.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return chosen;
  }
}

interface Workload {
  readonly namespace: string;
  readonly app: string;
  readonly versions: readonly string[];
  readonly ports: readonly { name: string; port: number; targetPort: number }[];
}

/** The cluster state every case starts from, and what config can point at. */
interface World {
  readonly namespaces: readonly string[];
  readonly workloads: readonly Workload[];
  readonly resources: Resource[];
}

const NAMESPACES = ['shop', 'payments', 'web'];
const APPS = ['cart', 'checkout', 'frontend', 'ratings'];
const PORT_NAMES = ['http', 'http-web', 'grpc-api', 'tcp', 'web', 'metrics', 'https'];
const PROXY_IMAGES = [
  'docker.io/istio/proxyv2:1.31.0',
  'docker.io/istio/proxyv2:1.30.2',
  'gcr.io/istio-release/proxyv2:1.31.0-distroless',
];

function meta(
  name: string,
  namespace?: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { name, ...(namespace ? { namespace } : {}), ...extra };
}

function buildWorld(dice: Dice): World {
  const namespaces = dice.some(NAMESPACES, 1, 2);
  const resources: Resource[] = [];
  const workloads: Workload[] = [];
  for (const namespace of namespaces) {
    const labels: Record<string, string> = {};
    const injection = dice.pick(['enabled', 'enabled', 'rev', 'both', 'none', 'disabled']);
    if (injection === 'enabled' || injection === 'both') labels['istio-injection'] = 'enabled';
    if (injection === 'disabled') labels['istio-injection'] = 'disabled';
    if (injection === 'rev' || injection === 'both')
      labels['istio.io/rev'] = dice.pick(['canary', 'default']);
    resources.push({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(namespace, undefined, { labels }) });
    for (const app of dice.some(APPS, 1, 3)) {
      const ports = dice.some(PORT_NAMES, 1, 2).map((name, index) => ({
        name,
        port: dice.pick([80, 8080, 9080, 9090]) + index,
        targetPort: dice.pick([8080, 9080]) + index,
      }));
      const versions = dice.some(['v1', 'v2', 'v3'], 1, 2);
      workloads.push({ namespace, app, versions, ports });
      resources.push({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: meta(app, namespace),
        spec: {
          selector: { app },
          ports: ports.map((port) => ({
            name: port.name,
            port: port.port,
            targetPort: port.targetPort,
            ...(dice.chance(0.15) ? { appProtocol: 'http' } : {}),
          })),
        },
      });
      for (const version of versions) {
        const injected =
          injection !== 'none' && injection !== 'disabled' ? dice.chance(0.8) : dice.chance(0.1);
        const containers: Record<string, unknown>[] = [
          {
            name: app,
            image: `example/${app}:${version}`,
            ports: ports.map((port) => ({ containerPort: port.targetPort })),
            ...(dice.chance(0.05) ? { securityContext: { runAsUser: 1337 } } : {}),
          },
        ];
        if (injected) containers.push({ name: 'istio-proxy', image: dice.pick(PROXY_IMAGES) });
        const podLabels = { app, version };
        resources.push({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: meta(`${app}-${version}`, namespace),
          spec: {
            selector: { matchLabels: podLabels },
            template: { metadata: { labels: podLabels }, spec: { containers: [containers[0]] } },
          },
        });
        resources.push({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: meta(`${app}-${version}-7d9f8b6c5-${dice.pick(['abcde', 'fghij', 'klmno'])}`, namespace, {
            labels: { ...podLabels, 'pod-template-hash': '7d9f8b6c5' },
            ...(injected
              ? { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } }
              : {}),
          }),
          spec: { containers },
        });
      }
    }
  }
  return { namespaces, workloads, resources };
}

/** A host a resource in `namespace` might name: its own short name, a FQDN, another namespace's, or nothing. */
function hostFor(dice: Dice, world: World, namespace: string): { host: string; workload?: Workload } {
  const roll = dice.int(0, 9);
  const local = world.workloads.filter((w) => w.namespace === namespace);
  if (roll < 4 && local.length > 0) {
    const workload = dice.pick(local);
    return { host: workload.app, workload };
  }
  if (roll < 7) {
    const workload = dice.pick(world.workloads);
    return { host: `${workload.app}.${workload.namespace}.svc.cluster.local`, workload };
  }
  if (roll < 8) {
    const workload = dice.pick(world.workloads);
    return { host: `${workload.app}.${workload.namespace}`, workload };
  }
  return { host: dice.pick(['ghost', 'ghost.shop.svc.cluster.local', 'api.external.com']) };
}

function selectorFor(dice: Dice, world: World, namespace: string): Record<string, string> {
  const local = world.workloads.filter((w) => w.namespace === namespace);
  if (local.length > 0 && dice.chance(0.6)) {
    const workload = dice.pick(local);
    return dice.chance(0.5)
      ? { app: workload.app }
      : { app: workload.app, version: dice.pick(workload.versions) };
  }
  return { app: dice.pick(['ghost', 'legacy']) };
}

type Family = (dice: Dice, world: World) => Resource[];

const routing: Family = (dice, world) => {
  const out: Resource[] = [];
  const namespace = dice.pick(world.namespaces);
  const gatewayNames: string[] = [];
  if (dice.chance(0.5)) {
    gatewayNames.push('shop-gateway');
    out.push(gateway('shop-gateway', namespace, { istio: 'ingressgateway' }, 80, ['shop.example.com']));
  }
  for (let index = 0; index < dice.int(1, 3); index++) {
    const { host, workload } = hostFor(dice, world, namespace);
    const subsetsDefined = workload && dice.chance(0.6) ? dice.some(['v1', 'v2', 'v9'], 1, 2) : [];
    if (subsetsDefined.length > 0) {
      out.push({
        apiVersion: 'networking.istio.io/v1',
        kind: 'DestinationRule',
        metadata: meta(`${host.split('.')[0]}-${index}`, namespace),
        spec: {
          host,
          subsets: subsetsDefined.map((name) => ({ name, labels: { version: name } })),
          ...(dice.chance(0.3)
            ? { trafficPolicy: { tls: { mode: dice.pick(['SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL', 'DISABLE']) } } }
            : {}),
        },
      });
    }
    const gateways = dice.pick<string[] | undefined>([
      undefined,
      undefined,
      ['mesh'],
      ['shop-gateway'],
      ['missing-gateway'],
      ['istio-system/shop-gateway'],
      ['mesh', 'shop-gateway'],
    ]);
    const port =
      workload && dice.chance(0.5) ? dice.pick([...workload.ports.map((p) => p.port), 1234]) : undefined;
    const subset = dice.chance(0.4) ? dice.pick(['v1', 'v2', 'v9']) : undefined;
    const vsHosts = gateways?.some((g) => g !== 'mesh')
      ? [dice.pick(['shop.example.com', 'other.example.com', host])]
      : [host];
    const exportTo = dice.chance(0.2) ? [dice.pick(['.', '*', 'web'])] : undefined;
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      metadata: meta(`route-${index}`, namespace),
      spec: {
        hosts: vsHosts,
        ...(gateways ? { gateways } : {}),
        ...(exportTo ? { exportTo } : {}),
        http: [
          {
            ...(dice.chance(0.3) ? { match: [{ uri: { prefix: '/api' } }] } : {}),
            route: [
              {
                destination: {
                  host,
                  ...(port ? { port: { number: port } } : {}),
                  ...(subset ? { subset } : {}),
                },
              },
            ],
            ...(dice.chance(0.1) ? { mirror: { host: dice.pick([host, 'ghost']) } } : {}),
          },
          ...(dice.chance(0.2) ? [{ route: [{ destination: { host } }] }] : []),
        ],
      },
    });
  }
  void gatewayNames;
  return out;
};

function gateway(
  name: string,
  namespace: string,
  selector: Record<string, string>,
  port: number,
  hosts: string[],
  credentialName?: string,
): Resource {
  const tls = port === 443;
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'Gateway',
    metadata: meta(name, namespace),
    spec: {
      selector,
      servers: [
        {
          port: { number: port, name: tls ? 'https' : `http-${port}`, protocol: tls ? 'HTTPS' : 'HTTP' },
          hosts,
          ...(tls ? { tls: { mode: 'SIMPLE', credentialName: credentialName ?? 'shop-cert' } } : {}),
        },
      ],
    },
  };
}

const gateways: Family = (dice, world) => {
  const out: Resource[] = [];
  const names: string[] = [];
  if (dice.chance(0.5)) {
    out.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: meta('shop-cert', 'istio-system'),
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5' },
    });
  }
  for (let index = 0; index < dice.int(1, 3); index++) {
    const namespace = dice.pick(['istio-system', ...world.namespaces]);
    const selector = dice.pick<Record<string, string>>([
      { istio: 'ingressgateway' },
      { istio: 'ingressgateway' },
      { istio: 'ingressgateway', app: 'istio-ingressgateway' },
      { istio: 'egressgateway' },
      { app: 'custom-gw' },
    ]);
    const name = `gw-${index}`;
    names.push(`${namespace}/${name}`);
    out.push(
      gateway(
        name,
        namespace,
        selector,
        dice.pick([80, 443, 8080]),
        dice.some(['*.example.com', 'shop.example.com', 'api.example.com', '*'], 1, 2),
        dice.pick(['shop-cert', 'shop-cert', 'missing-cert']),
      ),
    );
  }
  const vsNamespace = dice.pick(world.namespaces);
  const { host } = hostFor(dice, world, vsNamespace);
  out.push({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: meta('edge', vsNamespace),
    spec: {
      hosts: dice.some(['shop.example.com', 'api.example.com', 'admin.internal'], 1, 2),
      gateways: [dice.pick([...names, 'missing-gw'])],
      http: [{ route: [{ destination: { host } }] }],
    },
  });
  return out;
};

const serviceEntries: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 3); index++) {
    const namespace = dice.pick(world.namespaces);
    const protocol = dice.pick<string | undefined>(['TCP', 'HTTP', 'HTTPS', 'GRPC', undefined]);
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'ServiceEntry',
      metadata: meta(`external-${index}`, namespace),
      spec: {
        hosts: [dice.pick(['api.external.com', 'db.external.com', 'api.external.com'])],
        ...(dice.chance(0.3) ? { addresses: ['240.0.0.10'] } : {}),
        ports: [
          { number: dice.pick([443, 5432, 443]), name: `port-${index}`, ...(protocol ? { protocol } : {}) },
        ],
        resolution: dice.pick(['DNS', 'STATIC', 'NONE']),
        location: 'MESH_EXTERNAL',
        ...(dice.chance(0.2) ? { exportTo: ['.'] } : {}),
      },
    });
  }
  const namespace = dice.pick(world.namespaces);
  out.push({
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: meta('external-route', namespace),
    spec: {
      hosts: [dice.pick(['api.external.com', 'db.external.com'])],
      http: [
        {
          route: [
            {
              destination: {
                host: dice.pick(['api.external.com', 'db.external.com', 'nowhere.external.com']),
              },
            },
          ],
        },
      ],
    },
  });
  if (dice.chance(0.4)) {
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'DestinationRule',
      metadata: meta('external-tls', namespace),
      spec: {
        host: dice.pick(['api.external.com', 'unknown.external.com']),
        trafficPolicy: dice.chance(0.5)
          ? {
              tls: {
                mode: dice.pick(['SIMPLE', 'MUTUAL']),
                ...(dice.chance(0.3) ? { caCertificates: '/etc/ca.pem' } : {}),
              },
            }
          : { portLevelSettings: [{ port: { number: 443 }, tls: { mode: 'SIMPLE' } }] },
      },
    });
  }
  return out;
};

const sidecars: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 3); index++) {
    const namespace = dice.pick([...world.namespaces, 'istio-system']);
    out.push({
      apiVersion: 'networking.istio.io/v1',
      kind: 'Sidecar',
      metadata: meta(`sidecar-${index}`, namespace),
      spec: {
        ...(dice.chance(0.6) ? { workloadSelector: { labels: selectorFor(dice, world, namespace) } } : {}),
        egress: [{ hosts: ['./*', 'istio-system/*'] }],
        ...(dice.chance(0.1) ? { outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } } : {}),
      },
    });
  }
  return out;
};

const security: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 3); index++) {
    const namespace = dice.pick([...world.namespaces, 'istio-system']);
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'AuthorizationPolicy',
      metadata: meta(`authz-${index}`, namespace),
      spec: {
        ...(dice.chance(0.7) ? { selector: { matchLabels: selectorFor(dice, world, namespace) } } : {}),
        action: dice.pick(['ALLOW', 'DENY']),
        rules: [
          {
            from: [
              {
                source: dice.chance(0.6)
                  ? { namespaces: dice.some([...world.namespaces, 'missing-ns', 'istio-system'], 1, 2) }
                  : { principals: ['cluster.local/ns/shop/sa/cart'] },
              },
            ],
          },
        ],
      },
    });
  }
  const namespace = dice.pick(world.namespaces);
  out.push({
    apiVersion: 'security.istio.io/v1',
    kind: 'PeerAuthentication',
    metadata: meta('mtls', namespace),
    spec: {
      ...(dice.chance(0.5) ? { selector: { matchLabels: selectorFor(dice, world, namespace) } } : {}),
      mtls: { mode: dice.pick(['STRICT', 'PERMISSIVE', 'DISABLE']) },
    },
  });
  if (dice.chance(0.5)) {
    out.push({
      apiVersion: 'security.istio.io/v1',
      kind: 'RequestAuthentication',
      metadata: meta('jwt', namespace),
      spec: {
        selector: { matchLabels: selectorFor(dice, world, namespace) },
        jwtRules: [{ issuer: 'https://issuer.example.com', jwksUri: 'https://issuer.example.com/jwks' }],
      },
    });
  }
  return out;
};

const envoyFilters: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 2); index++) {
    const namespace = dice.pick([...world.namespaces, 'istio-system']);
    const patches = [];
    for (let patch = 0; patch < dice.int(1, 2); patch++) {
      const applyTo = dice.pick([
        'HTTP_FILTER',
        'NETWORK_FILTER',
        'CLUSTER',
        'ROUTE_CONFIGURATION',
        'HTTP_ROUTE',
        'LISTENER',
      ]);
      const operation = dice.pick([
        'MERGE',
        'ADD',
        'REMOVE',
        'INSERT_BEFORE',
        'INSERT_AFTER',
        'INSERT_FIRST',
        'REPLACE',
      ]);
      patches.push({
        applyTo,
        match: {
          context: dice.pick(['SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY', 'ANY']),
          ...(dice.chance(0.3) ? { proxy: { proxyVersion: '^1\\.31.*' } } : {}),
          ...(applyTo === 'HTTP_FILTER'
            ? {
                listener: {
                  filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } },
                },
              }
            : {}),
        },
        patch: {
          operation,
          ...(operation === 'REMOVE' ? {} : { value: { name: 'example.filter' } }),
        },
      });
    }
    out.push({
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: meta(`filter-${index}`, namespace),
      spec: {
        ...(dice.chance(0.5) ? { workloadSelector: { labels: selectorFor(dice, world, namespace) } } : {}),
        ...(dice.chance(0.4) ? { priority: dice.int(-5, 5) } : {}),
        configPatches: patches,
      },
    });
  }
  return out;
};

const telemetry: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 3); index++) {
    const namespace = dice.pick([...world.namespaces, 'istio-system']);
    out.push({
      apiVersion: 'telemetry.istio.io/v1',
      kind: 'Telemetry',
      metadata: meta(`telemetry-${index}`, namespace),
      spec: {
        ...(dice.chance(0.5) ? { selector: { matchLabels: selectorFor(dice, world, namespace) } } : {}),
        accessLogging: [{ providers: dice.pick([[], [{ name: 'envoy' }]]) }],
      },
    });
  }
  return out;
};

const wasmPlugins: Family = (dice, world) => {
  const out: Resource[] = [];
  for (let index = 0; index < dice.int(1, 2); index++) {
    const namespace = dice.pick(world.namespaces);
    out.push({
      apiVersion: 'extensions.istio.io/v1alpha1',
      kind: 'WasmPlugin',
      metadata: meta(`wasm-${index}`, namespace),
      spec: {
        ...(dice.chance(0.7) ? { selector: { matchLabels: selectorFor(dice, world, namespace) } } : {}),
        url: 'oci://example.com/filters/auth:1.0',
        phase: dice.pick(['AUTHN', 'AUTHZ', 'STATS']),
      },
    });
  }
  return out;
};

const workloads: Family = (dice, world) => {
  const out: Resource[] = [];
  const workload = dice.pick(world.workloads);
  const port = workload.ports[0]!;
  if (dice.chance(0.6)) {
    // A second Service over the same pods: same or different port and protocol.
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta(`${workload.app}-alias`, workload.namespace),
      spec: {
        selector: { app: workload.app },
        ports: [
          {
            name: dice.pick(['http', 'tcp', 'grpc', port.name]),
            port: dice.pick([port.port, port.port + 100]),
            targetPort: dice.pick([port.targetPort, 7070]),
          },
        ],
      },
    });
  }
  if (dice.chance(0.4)) {
    out.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: meta('external-db', workload.namespace),
      spec: {
        type: 'ExternalName',
        externalName: 'db.example.com',
        ports: [{ name: dice.pick(['tcp', 'http', 'mysql', 'tcp-db']), port: 3306 }],
      },
    });
  }
  if (dice.chance(0.6)) {
    const annotation = dice.pick<[string, string]>([
      ['sidecar.istio.io/inject', 'false'],
      ['networking.istio.io/exportTo', '.'],
      ['sidecar.istio.io/proxyCPU', 'not-a-quantity'],
      ['istio.io/unknown-thing', 'x'],
      ['sidecar.istio.io/bootstrapOverride', 'custom'],
      ['readiness.status.sidecar.istio.io/applicationPorts', '8080'],
      ['policy.istio.io/check', 'disable'],
    ]);
    out.push({
      apiVersion: 'v1',
      kind: dice.pick(['Service', 'Pod']) === 'Service' ? 'Service' : 'ConfigMap',
      metadata: meta('annotated', workload.namespace, { annotations: { [annotation[0]]: annotation[1] } }),
      ...(dice.chance(0.5)
        ? { data: { key: 'value' } }
        : { spec: { selector: { app: workload.app }, ports: [{ name: 'http', port: 80 }] } }),
    });
  }
  return out;
};

const FAMILIES: readonly (readonly [string, Family])[] = [
  ['routing', routing],
  ['gateways', gateways],
  ['serviceentries', serviceEntries],
  ['sidecars', sidecars],
  ['security', security],
  ['envoyfilters', envoyFilters],
  ['telemetry', telemetry],
  ['wasmplugins', wasmPlugins],
  ['workloads', workloads],
];

export interface CorpusCase {
  readonly id: string;
  readonly family: string;
  readonly file: string;
}

/**
 * Writes `perFamily` cases of each family under `directory` (one YAML file each) and returns them.
 * ConfigMaps generated without a `spec`/`data` shape choice are normalised: a ConfigMap has no spec.
 */
export function writeCorpus(directory: string, options: { seed: number; perFamily: number }): CorpusCase[] {
  const cases: CorpusCase[] = [];
  FAMILIES.forEach(([family, generate], familyIndex) => {
    for (let index = 0; index < options.perFamily; index++) {
      const dice = new Dice(seededRandom(options.seed * 7919 + familyIndex * 104729 + index));
      const world = buildWorld(dice);
      const documents = [...world.resources, ...generate(dice, world)].map(normalise);
      const id = `corpus/${family}-${String(index).padStart(3, '0')}`;
      const file = path.join(directory, `${family}-${String(index).padStart(3, '0')}.yaml`);
      fs.writeFileSync(file, documents.map((document) => stringify(document)).join('---\n'));
      cases.push({ id, family, file });
    }
  });
  return cases;
}

function normalise(resource: Resource): Resource {
  if (resource.kind === 'ConfigMap' && 'spec' in resource) {
    const { spec: _spec, ...rest } = resource;
    return rest;
  }
  return resource;
}
