/**
 * The guards against real kube-apiservers: a remote cluster (edge, served by east) is refused with
 * MESH107's explanation before any request reaches it, while the primaries are applied (the role comes
 * from what a real discovery read, not from a fixture); the engine's own dry run right before the write
 * stops a write kube-apiserver refuses in dry run (an admission webhook it cannot call); a Secret is
 * applied only once its kind is confirmed, and its values never appear in the dry run.
 */
import assert from 'node:assert/strict';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyReport } from '../../protocol/apply';
import { fixture } from '../cluster/apply-support';
import {
  adminDelete,
  adminGet,
  connectionTrap,
  networkingPath,
  realApplyEnvironment,
} from './support/apply-environment';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const NAME = 'details-real-guard';
const DOCUMENT = fixture('details-virtualservice.yaml').replace('name: details', `name: ${NAME}`);
const OBJECT = networkingPath('virtualservices', 'bookinfo', NAME);
const DRY_NAME = 'details-real-dry-run';
const DRY_OBJECT = networkingPath('virtualservices', 'bookinfo', DRY_NAME);
const DRY_RUN_REFUSING_WEBHOOK = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: meshwright-dry-run-refused
webhooks:
  - name: refuse.meshwright.example
    admissionReviewVersions: [v1]
    sideEffects: None
    failurePolicy: Fail
    clientConfig:
      url: https://127.0.0.1:9/never-called
    objectSelector:
      matchLabels:
        meshwright-test: dry-run-refused
    rules:
      - apiGroups: [networking.istio.io]
        apiVersions: ['*']
        operations: [CREATE, UPDATE]
        resources: [virtualservices]
`;
const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: meshwright-real-guard
  namespace: bookinfo
stringData:
  password: hunter2
`;
const SECRET_OBJECT = '/api/v1/namespaces/bookinfo/secrets/meshwright-real-guard';
const MESH107 =
  'edge is a remote cluster served by east: no control plane reads Istio config there; apply to east instead (MESH107)';

describe('real clusters: the apply guards', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;

  before(async () => {
    plane = await sharedDemoControlPlane();
  });
  after(async () => {
    if (!plane) return;
    for (const cluster of plane.clusterNames) {
      for (const object of [OBJECT, DRY_OBJECT, SECRET_OBJECT]) await adminDelete(plane, cluster, object);
    }
  });

  it('refuses the remote edge with MESH107 before any request, and applies the primaries', async () => {
    // The roles come from a real discovery; edge's context then points at a server that records any
    // connection, so a request the guard let through would show.
    const trap = await connectionTrap();
    try {
      const kubeconfig = plane.kubeconfig('applier', new Map([['edge', trap.url]]));
      const environment = await realApplyEnvironment(plane.kubeconfig('applier'), kubeconfig);
      const plan = await planApply(DOCUMENT, ['edge', 'west'], environment);
      assert.deepEqual(
        plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.message ?? null]),
        [
          ['edge', 'failed', MESH107],
          ['west', 'create', null],
        ],
      );
      const report = await applyDocument(DOCUMENT, ['edge', 'east', 'west'], environment);
      assert.deepEqual(
        report.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
        [
          ['edge', 'failed', 'remote-cluster'],
          ['east', 'created', null],
          ['west', 'created', null],
        ],
      );
      assert.equal(report.clusters[0]?.failure?.message, MESH107);
      assert.equal(trap.connections(), 0, 'no connection reached edge');
    } finally {
      await trap.close();
    }
    assert.equal(await adminGet(plane, 'edge', OBJECT), null);
    assert.notEqual(await adminGet(plane, 'east', OBJECT), null);
  });

  it('runs its own dry run before writing: a webhook that cannot be called stops the write there', async () => {
    // kube-apiserver calls a matching webhook in dry run too (v1 webhooks have no side effects); this one
    // cannot be called, as istiod's validation webhook cannot while istiod is down.
    const webhookPath =
      '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations/meshwright-dry-run-refused';
    const admin = plane.cluster('west').rest('admin');
    const created = await admin.request(`${webhookPath}?fieldManager=meshwright-test`, {
      method: 'PATCH',
      contentType: 'application/apply-patch+yaml',
      body: DRY_RUN_REFUSING_WEBHOOK,
    });
    assert.equal(created.status, 201, created.body);
    const document = DOCUMENT.replace(
      `name: ${NAME}`,
      `name: ${DRY_NAME}\n  labels:\n    meshwright-test: dry-run-refused`,
    );
    let report: ApplyReport;
    try {
      report = await applyDocument(
        document,
        ['east', 'west'],
        await realApplyEnvironment(plane.kubeconfig('applier')),
      );
    } finally {
      await adminDelete(plane, 'west', webhookPath);
    }
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
      [
        ['east', 'created', null],
        ['west', 'failed', 'server-error'],
      ],
    );
    assert.match(
      report.clusters[1]?.failure?.message ?? '',
      new RegExp(
        `^cluster west could not admit VirtualService bookinfo/${DRY_NAME}: its API server could not call the admission webhook refuse\\.meshwright\\.example \\(Post "https://127\\.0\\.0\\.1:9/never-called\\?timeout=\\d+s": dial tcp 127\\.0\\.0\\.1:9: connect: connection refused\\), and refuses objects while it cannot; check the webhook's service \\(for Istio's webhooks, istiod in istio-system: kubectl --context west -n istio-system get pods\\), then apply again \\(the dry run Meshwright runs right before writing failed, so nothing was written to west\\)$`,
      ),
    );
    assert.equal(await adminGet(plane, 'west', DRY_OBJECT), null);
    assert.notEqual(await adminGet(plane, 'east', DRY_OBJECT), null);
  });

  it('applies a Secret only when its kind is confirmed, and never shows its values', async () => {
    const environment = await realApplyEnvironment(plane.kubeconfig('admin'));
    const refused = await applyDocument(SECRET, ['east'], environment, { allowedKinds: ['ConfigMap'] });
    assert.equal(refused.clusters[0]?.failure?.kind, 'kind-not-allowed');
    assert.equal(await adminGet(plane, 'east', SECRET_OBJECT), null);
    const applied = await applyDocument(SECRET, ['east'], environment, { allowedKinds: ['Secret'] });
    assert.equal(applied.clusters[0]?.outcome, 'created', JSON.stringify(applied.clusters[0]?.failure));
    const stored = (await adminGet(plane, 'east', SECRET_OBJECT)) as { data: Record<string, string> };
    assert.equal(stored.data.password, Buffer.from('hunter2').toString('base64'), 'stored as data');
    const plan = await planApply(SECRET.replace('hunter2', 'hunter3'), ['east'], environment);
    const [east] = plan.clusters;
    assert.equal(east?.outcome, 'change', JSON.stringify(east?.failure));
    assert.deepEqual(east?.changedFields, ['data.password']);
    for (const yaml of [east?.liveYaml ?? '', east?.wouldBeYaml ?? '']) {
      assert.match(yaml, /password: \(redacted\)/);
      for (const value of ['hunter2', 'hunter3']) {
        assert.ok(!yaml.includes(value) && !yaml.includes(Buffer.from(value).toString('base64')), yaml);
      }
    }
  });
});
