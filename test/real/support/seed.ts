/**
 * Puts a cluster's state into a real API server: the CRDs (Istio's and the Gateway API's standard channel)
 * until Established, then objects by server-side apply in dependency order, then each object's `status`
 * through its status subresource, since no controller or kubelet runs to write it. Every namespace gets
 * the `default` ServiceAccount the controller manager would create (Pods are refused without one).
 *
 * No istiod runs, so Istio's admission webhooks would fail every Pod and every Istio object they match
 * (their endpoints do not exist). Each webhook gets one match condition that is always false: the server
 * never calls it, while discovery still reads the configuration as istiod wrote it.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { type KubeRest } from './kube-rest';
import { type KubeManifest } from './rbac';
import { type ResourcePaths } from './resource-paths';

const SCHEMA_SOURCES = path.resolve(__dirname, '..', '..', '..', 'schemas', 'source');
export const FIELD_MANAGER = 'meshwright-harness';

/** Istio's CRDs and (unless `gatewayApi: false`) the Gateway API's standard-channel CRDs, from schemas/source. */
export function harnessCrds(options: { gatewayApi?: boolean } = {}): KubeManifest[] {
  const gatewayApi = path.join(SCHEMA_SOURCES, 'gateway-api', 'standard');
  const files = [
    path.join(SCHEMA_SOURCES, 'istio-crds.gen.yaml'),
    ...(options.gatewayApi === false
      ? []
      : fs
          .readdirSync(gatewayApi)
          .sort()
          .map((name) => path.join(gatewayApi, name))),
  ];
  return files
    .flatMap((file) => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as unknown))
    .filter(
      (value): value is KubeManifest => (value as KubeManifest | null)?.kind === 'CustomResourceDefinition',
    );
}

/** Order of creation: what others need first. */
const KIND_ORDER = ['Namespace', 'CustomResourceDefinition', 'ServiceAccount', 'ClusterRole', 'Role'];

function rank(kind: string): number {
  const index = KIND_ORDER.indexOf(kind);
  return index < 0 ? KIND_ORDER.length : index;
}

const WEBHOOK_CONFIGURATIONS = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
export const NEVER_CALLED = { name: 'meshwright-harness-no-istiod', expression: 'false' };

function neverCalled(object: KubeManifest): KubeManifest {
  if (!WEBHOOK_CONFIGURATIONS.has(object.kind) || !Array.isArray(object.webhooks)) return object;
  const webhooks = (object.webhooks as Record<string, unknown>[]).map((webhook) => ({
    ...webhook,
    matchConditions: [...((webhook.matchConditions as unknown[] | undefined) ?? []), NEVER_CALLED],
  }));
  return { ...object, webhooks };
}

/** A fresh server installing CRDs can take long to answer on a loaded two-core machine. */
const REQUEST_TIMEOUT_MS = 90_000;
const ATTEMPTS = 3;

/**
 * Runs `request` again after an answer that says "not now" (a timeout, a dropped connection, 429, 5xx)
 * rather than "no": seeding is idempotent (server-side apply), so repeating is safe.
 */
async function patiently<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const transient = /no answer in time|ECONNRESET|socket hang up|: (429|5\d\d) /.test(String(error));
      if (!transient || attempt >= ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

/** Creates or updates `object` by server-side apply (forcing: the harness owns the seeded state). */
export async function applyObject(rest: KubeRest, paths: ResourcePaths, object: KubeManifest): Promise<void> {
  const { status, ...withoutStatus } = neverCalled(object);
  const metadata = { ...object.metadata };
  for (const field of ['resourceVersion', 'uid', 'creationTimestamp', 'managedFields', 'generation'])
    delete metadata[field];
  const target = await paths.object(object);
  await patiently(() =>
    rest.json(`${target}?fieldManager=${FIELD_MANAGER}&force=true`, {
      method: 'PATCH',
      body: { ...withoutStatus, metadata },
      contentType: 'application/apply-patch+yaml',
      timeoutMs: REQUEST_TIMEOUT_MS,
    }),
  );
  if (status === undefined) return;
  const answer = await patiently(() =>
    rest.request(`${target}/status`, {
      method: 'PATCH',
      body: { status },
      contentType: 'application/merge-patch+json',
      timeoutMs: REQUEST_TIMEOUT_MS,
    }),
  );
  // A kind without a status subresource kept the status with the object itself.
  if (answer.status !== 404 && (answer.status < 200 || answer.status > 299)) {
    throw new Error(`PATCH ${target}/status: ${answer.status} ${answer.body.slice(0, 300)}`);
  }
}

export async function installCrds(
  rest: KubeRest,
  paths: ResourcePaths,
  options: { gatewayApi?: boolean } = {},
): Promise<void> {
  const crds = harnessCrds(options);
  // Each CRD makes the server rebuild its OpenAPI documents: a few at a time keeps it answering.
  for (let start = 0; start < crds.length; start += 4) {
    await Promise.all(crds.slice(start, start + 4).map((crd) => applyObject(rest, paths, crd)));
  }
  const deadline = Date.now() + 120_000;
  for (const crd of crds) {
    for (;;) {
      const current = await rest.json<{ status?: { conditions?: { type: string; status: string }[] } }>(
        `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`,
      );
      const established = current.status?.conditions?.some(
        (c) => c.type === 'Established' && c.status === 'True',
      );
      if (established) break;
      if (Date.now() > deadline) throw new Error(`CRD ${crd.metadata.name} not Established within 120 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  // Established is not yet served: each version's storage may still answer 429 "storage is
  // (re)initializing" for a moment, which a test's first request must not meet.
  for (const crd of crds) {
    const spec = crd.spec as {
      group: string;
      names: { plural: string };
      versions: { name: string; served: boolean }[];
    };
    for (const version of spec.versions.filter((v) => v.served)) {
      const path = `/apis/${spec.group}/${version.name}/${spec.names.plural}?limit=1`;
      while ((await rest.request(path)).status === 429) {
        if (Date.now() > deadline) throw new Error(`${path} still initializing after 120 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
  paths.forget();
}

/** Applies `objects` (namespaces, service accounts and roles first); in order within a rank. */
export async function seedObjects(
  rest: KubeRest,
  paths: ResourcePaths,
  objects: readonly KubeManifest[],
): Promise<void> {
  const namespaces = new Set(['default']);
  for (const object of objects) {
    if (object.kind === 'Namespace') namespaces.add(object.metadata.name);
    if (object.metadata.namespace) namespaces.add(object.metadata.namespace);
  }
  const defaults: KubeManifest[] = [...namespaces].flatMap((namespace) => [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } },
  ]);
  const declared = new Set(objects.map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`));
  const all = [
    ...defaults.filter((o) => !declared.has(`${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)),
    ...objects,
  ];
  const ranks = [...new Set(all.map((o) => rank(o.kind)))].sort((a, b) => a - b);
  for (const current of ranks) {
    const batch = all.filter((o) => rank(o.kind) === current);
    // Eight at a time: fast enough, and a real server is not a load test.
    for (let start = 0; start < batch.length; start += 8) {
      await Promise.all(batch.slice(start, start + 8).map((o) => applyObject(rest, paths, o)));
    }
  }
}
