/**
 * The apply engine's own guards against the demo mesh in meshwright-sim, checked with the real kubectl:
 * a kind outside Istio and the Gateway API (a ConfigMap in kube-system, a Secret, a
 * MutatingWebhookConfiguration) is refused in every cluster and nothing is created unless the caller names
 * the kind among the confirmed ones; the engine's own dry run, right before the write, stops a write the
 * API server refuses in dry run; a cluster whose role the topology does not know is refused before any
 * request.
 */
import assert from 'node:assert/strict';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { type SimulatorUnderTest } from './sim-harness';
import { applyEnvironment, fixture, kubectlGet, startDemo } from './apply-support';

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: meshwright-guard
  namespace: kube-system
data:
  mode: hostile
`;

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: meshwright-guard
  namespace: bookinfo
stringData:
  password: hunter2
`;

const WEBHOOK = `apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata:
  name: meshwright-guard
webhooks:
  - name: guard.meshwright.example
    admissionReviewVersions: [v1]
    sideEffects: None
    clientConfig:
      url: https://hostile.example/mutate
`;

describe('apply: the guards the engine enforces itself', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;
  let environment: ApplyEnvironment;

  before(async () => {
    sim = await startDemo();
    environment = await applyEnvironment(sim);
  });
  after(() => sim?.stop());

  const refusedKinds = [
    { text: CONFIG_MAP, kind: 'ConfigMap', type: 'configmap', namespace: 'kube-system' },
    { text: SECRET, kind: 'Secret', type: 'secret', namespace: 'bookinfo' },
    {
      text: WEBHOOK,
      kind: 'MutatingWebhookConfiguration.admissionregistration.k8s.io',
      type: 'mutatingwebhookconfiguration',
      namespace: '',
    },
  ];
  for (const { text, kind, type, namespace } of refusedKinds) {
    it(`refuses a ${kind} without the confirmed kind, and creates nothing`, async () => {
      const report = await applyDocument(text, ['east', 'west'], environment, {
        allowedKinds: ['ConfigMap.v1', 'VirtualService'],
      });
      assert.deepEqual(
        report.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
        [
          ['east', 'failed', 'kind-not-allowed'],
          ['west', 'failed', 'kind-not-allowed'],
        ],
      );
      assert.match(
        report.clusters[0]?.failure?.message ?? '',
        new RegExp(`^${kind} is not an Istio or Gateway API kind`),
      );
      for (const cluster of ['east', 'west']) {
        assert.equal(await kubectlGet(sim, cluster, type, namespace || 'default', 'meshwright-guard'), null);
      }
      const plan = await planApply(text, ['east'], environment);
      assert.equal(plan.kindToConfirm, kind, 'the plan names the kind to confirm');
    });
  }

  it('applies a ConfigMap, a Secret and a webhook configuration when the request names their kinds', async () => {
    const configMap = await applyDocument(CONFIG_MAP, ['east'], environment, { allowedKinds: ['ConfigMap'] });
    assert.deepEqual(
      configMap.clusters.map((cluster) => cluster.outcome),
      ['created'],
    );
    const stored = (await kubectlGet(sim, 'east', 'configmap', 'kube-system', 'meshwright-guard')) as {
      data: Record<string, string>;
    } | null;
    assert.equal(stored?.data.mode, 'hostile');

    const secret = await applyDocument(SECRET, ['east'], environment, { allowedKinds: ['Secret'] });
    assert.deepEqual(
      secret.clusters.map((cluster) => cluster.outcome),
      ['created'],
    );
    assert.notEqual(await kubectlGet(sim, 'east', 'secret', 'bookinfo', 'meshwright-guard'), null);

    const webhook = await applyDocument(WEBHOOK, ['east'], environment, {
      allowedKinds: ['MutatingWebhookConfiguration.admissionregistration.k8s.io'],
    });
    assert.deepEqual(
      webhook.clusters.map((cluster) => cluster.outcome),
      ['created'],
    );
    assert.notEqual(
      await kubectlGet(sim, 'east', 'mutatingwebhookconfiguration', 'default', 'meshwright-guard'),
      null,
    );
  });

  it('never renders a Secret value in the dry run', async () => {
    const plan = await planApply(SECRET, ['east'], environment);
    const east = plan.clusters[0];
    assert.ok(east?.liveYaml, 'the Secret exists since the previous test');
    for (const yaml of [east.liveYaml, east.wouldBeYaml ?? '']) {
      assert.ok(!yaml.includes('hunter2') && !yaml.includes(Buffer.from('hunter2').toString('base64')), yaml);
    }
  });

  it('runs its own dry run before writing: a write the API server refuses in dry run does not happen', async () => {
    const document = fixture('details-virtualservice.yaml').replace('name: details', 'name: details-dry');
    sim.simulator.cluster('west').setFaults({ refuseDryRun: true });
    let report;
    try {
      report = await applyDocument(document, ['east', 'west'], environment);
    } finally {
      sim.simulator.cluster('west').resetFaults();
    }
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome, cluster.failure?.kind ?? null]),
      [
        ['east', 'created', null],
        ['west', 'failed', 'invalid'],
      ],
    );
    assert.match(report.clusters[1]?.failure?.message ?? '', /does not support dry run/);
    assert.match(report.clusters[1]?.failure?.message ?? '', /nothing was written to west\)$/);
    assert.equal(await kubectlGet(sim, 'west', 'virtualservice', 'bookinfo', 'details-dry'), null);
    assert.notEqual(await kubectlGet(sim, 'east', 'virtualservice', 'bookinfo', 'details-dry'), null);
  });

  it('refuses a cluster whose role the topology does not know, before any request', async () => {
    const roles = new Map(environment.roles);
    roles.set('west', { known: false, reason: 'first sync in progress' });
    roles.delete('east');
    const document = fixture('details-virtualservice.yaml').replace('name: details', 'name: details-role');
    const report = await applyDocument(document, ['west', 'east', 'edge'], { ...environment, roles });
    assert.deepEqual(
      report.clusters.map((cluster) => [cluster.cluster, cluster.failure?.kind ?? null]),
      [
        ['west', 'role-unknown'],
        ['east', 'role-unknown'],
        ['edge', 'remote-cluster'],
      ],
    );
    assert.equal(
      report.clusters[0]?.failure?.message,
      'role of west not known yet (first sync in progress); try again when the Topology view shows it',
    );
    for (const cluster of ['west', 'east', 'edge']) {
      assert.equal(await kubectlGet(sim, cluster, 'virtualservice', 'bookinfo', 'details-role'), null);
    }
  });
});
