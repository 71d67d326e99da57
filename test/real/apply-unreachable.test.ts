/**
 * A real API server that is down, on a private control plane (east and west, both primaries): the apply
 * writes to the cluster that answers and reports the one that refuses connections with the address and
 * the way out; once that server is back (same port, certificates and storage) the same environment applies
 * there too, and the cluster that already has the object is left unchanged.
 */
import assert from 'node:assert/strict';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { type ApplyReport } from '../../protocol/apply';
import { fixture } from '../cluster/apply-support';
import { adminGet, networkingPath, realApplyEnvironment } from './support/apply-environment';
import { RealControlPlane } from './support/control-plane';
import { demoMesh } from './support/meshes';

const NAME = 'details-real-down';
const DOCUMENT = fixture('details-virtualservice.yaml').replace('name: details', `name: ${NAME}`);
const OBJECT = networkingPath('virtualservices', 'bookinfo', NAME);

describe('real clusters: applying while a cluster is down', function () {
  this.timeout(300_000);
  let plane: RealControlPlane;

  before(async () => {
    plane = await RealControlPlane.start(demoMesh().filter((spec) => spec.name !== 'edge'));
  });
  after(() => plane?.stop());

  it('applies where the server answers, reports the one that is down, and applies there once it is back', async () => {
    const environment = await realApplyEnvironment(plane.kubeconfig('applier'));
    const outcomes = (report: ApplyReport): string[][] =>
      report.clusters.map((cluster) => [cluster.cluster, cluster.outcome]);
    await plane.cluster('west').stop();
    let down: ApplyReport;
    try {
      down = await applyDocument(DOCUMENT, ['west', 'east'], environment);
    } finally {
      await plane.cluster('west').restart();
    }
    assert.deepEqual(outcomes(down), [
      ['west', 'failed'],
      ['east', 'created'],
    ]);
    assert.equal(down.clusters[0]?.failure?.kind, 'unreachable');
    assert.match(
      down.clusters[0]?.failure?.message ?? '',
      /^cluster west is unreachable \(ECONNREFUSED 127\.0\.0\.1:\d+\); nothing was written there; check the network or the kubeconfig's server address, then apply again/,
    );

    const back = await applyDocument(DOCUMENT, ['west', 'east'], environment);
    assert.deepEqual(outcomes(back), [
      ['west', 'created'],
      ['east', 'unchanged'],
    ]);
    assert.notEqual(await adminGet(plane, 'west', OBJECT), null);
  });
});
