/**
 * The guards against real kube-apiservers: a remote cluster (edge, served by east) is refused with
 * MESH107's explanation before any request reaches it, while the primaries are applied; the role comes
 * from what a real discovery read, not from a fixture.
 */
import assert from 'node:assert/strict';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { planApply } from '../../server/src/apply/apply-plan';
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
    for (const cluster of plane.clusterNames) await adminDelete(plane, cluster, OBJECT);
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
});
