/**
 * The apply engine against real kube-apiservers (the demo mesh; east and west primaries, edge a remote of
 * east), as the `applier` identity (a client certificate allowed to read and to patch Istio config): it
 * creates and updates by server-side apply with field manager `meshwright`, and the server's own
 * managedFields say so; a field another manager owns is a 409 that names the manager, its operation and
 * the field, and forcing takes exactly that field over; a cluster that forbids the patch (403) is reported
 * next to the ones that were written. Each test uses objects of its own and deletes them afterwards, since
 * the control plane is shared by the whole run.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { type ApplyReport } from '../../protocol/apply';
import { fixture } from '../cluster/apply-support';
import {
  adminDelete,
  adminGet,
  assertNoSecret,
  managersOf,
  mixedKubeconfig,
  networkingPath,
  realApplyEnvironment,
  specFieldsOwnedBy,
} from './support/apply-environment';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const run = promisify(execFile);

type Spec = { spec: { http: { timeout?: string; retries?: unknown }[]; subsets?: { name: string }[] } };

const named = (name: string): string =>
  fixture('details-virtualservice.yaml').replace('name: details', `name: ${name}`);
const namedRetries = (name: string): string =>
  fixture('details-virtualservice-retries.yaml').replace('name: details', `name: ${name}`);
const virtualService = (name: string): string => networkingPath('virtualservices', 'bookinfo', name);

describe('real clusters: server-side apply (meshwright/apply)', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let environment: ApplyEnvironment;
  const reports: ApplyReport[] = [];
  const created: [string, string][] = [];
  const apply = async (...args: Parameters<typeof applyDocument>): Promise<ApplyReport> => {
    const report = await applyDocument(...args);
    reports.push(report);
    return report;
  };
  const outcomes = (report: ApplyReport): string[][] =>
    report.clusters.map((cluster) => [cluster.cluster, cluster.outcome]);

  before(async () => {
    plane = await sharedDemoControlPlane();
    environment = await realApplyEnvironment(plane.kubeconfig('applier'));
  });
  after(async () => {
    if (!plane) return;
    assertNoSecret(plane, [JSON.stringify(reports)]);
    for (const [cluster, objectPath] of created) await adminDelete(plane, cluster, objectPath);
  });

  it('creates the object in every target with field manager meshwright, then updates it', async () => {
    const name = 'details-real-apply';
    for (const cluster of ['east', 'west']) created.push([cluster, virtualService(name)]);
    const first = await apply(named(name), ['east', 'west'], environment);
    assert.deepEqual(
      outcomes(first),
      [
        ['east', 'created'],
        ['west', 'created'],
      ],
      JSON.stringify(first),
    );
    for (const cluster of ['east', 'west']) {
      const stored = await adminGet(plane, cluster, virtualService(name));
      assert.equal((stored as Spec | null)?.spec.http[0]?.timeout, '5s');
      assert.deepEqual(managersOf(stored), ['meshwright (Apply)']);
      assert.deepEqual(specFieldsOwnedBy(stored, 'meshwright'), ['hosts', 'http']);
    }
    const again = await apply(named(name), ['east', 'west'], environment);
    assert.deepEqual(outcomes(again), [
      ['east', 'unchanged'],
      ['west', 'unchanged'],
    ]);
    const changed = await apply(namedRetries(name), ['west'], environment);
    assert.deepEqual(outcomes(changed), [['west', 'changed']], JSON.stringify(changed));
    assert.deepEqual(changed.clusters[0]?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
    const west = (await adminGet(plane, 'west', virtualService(name))) as Spec;
    assert.equal(west.spec.http[0]?.timeout, '10s');
    const east = (await adminGet(plane, 'east', virtualService(name))) as Spec;
    assert.equal(east.spec.http[0]?.timeout, '5s', 'east was not a target');
  });

  /** Writes the object as another field manager would, with the admin's rights. */
  const seedAs = {
    'team-a': async (name: string): Promise<void> => {
      const answer = await plane
        .cluster('east')
        .rest('admin')
        .request(`${virtualService(name)}?fieldManager=team-a`, {
          method: 'PATCH',
          body: named(name),
          contentType: 'application/apply-patch+yaml',
        });
      assert.equal(answer.status, 201, answer.body);
    },
    'team-b-edit': async (name: string): Promise<void> => {
      const answer = await plane
        .cluster('east')
        .rest('admin')
        .request(`${networkingPath('virtualservices', 'bookinfo', '')}?fieldManager=team-b-edit`, {
          method: 'POST',
          body: JSON.stringify(parse(named(name))),
        });
      assert.equal(answer.status, 201, answer.body);
    },
    'kubectl-client-side-apply': async (name: string): Promise<void> => {
      const file = path.join(plane.workDir, `${name}.yaml`);
      fs.writeFileSync(file, named(name));
      const kubectl = await run(
        'kubectl',
        ['--kubeconfig', plane.kubeconfig('admin'), '--context', 'east', 'apply', '-f', file],
        {
          env: { ...process.env, HOME: '/nonexistent', KUBECONFIG: '' },
        },
      );
      assert.match(kubectl.stdout, /created/);
    },
  };
  for (const other of [
    { manager: 'team-a', operation: 'Apply', how: 'another server-side applier' },
    { manager: 'team-b-edit', operation: 'Update', how: 'an imperative writer (create)' },
    { manager: 'kubectl-client-side-apply', operation: 'Update', how: 'kubectl apply without --server-side' },
  ] as const) {
    it(`names the manager in a 409 from ${other.how}, and takes the field over only when forced`, async () => {
      const name = `details-real-${other.manager}`;
      created.push(['east', virtualService(name)]);
      await seedAs[other.manager](name);

      const refused = await apply(namedRetries(name), ['east'], environment);
      const failure = refused.clusters[0]?.failure;
      assert.equal(refused.clusters[0]?.outcome, 'failed');
      assert.equal(failure?.kind, 'conflict', JSON.stringify(failure));
      assert.deepEqual(
        failure?.conflicts.map((conflict) => [conflict.field, conflict.manager, conflict.operation]),
        [['.spec.http', other.manager, other.operation]],
      );
      assert.equal(
        failure?.message,
        `conflict in cluster east for VirtualService bookinfo/${name}: field .spec.http is owned by manager ${other.manager} (${other.operation}); force the apply to take these fields over (the other manager may set them back), or remove them from the document (the dry run Meshwright runs right before writing failed, so nothing was written to east)`,
      );
      const untouched = (await adminGet(plane, 'east', virtualService(name))) as Spec;
      assert.equal(untouched.spec.http[0]?.timeout, '5s', 'nothing written without force');

      const forced = await apply(namedRetries(name), ['east'], environment, { force: true });
      assert.deepEqual(outcomes(forced), [['east', 'changed']], JSON.stringify(forced));
      assert.deepEqual(forced.clusters[0]?.changedFields, ['spec.http[0].retries', 'spec.http[0].timeout']);
      const after = await adminGet(plane, 'east', virtualService(name));
      assert.equal((after as Spec).spec.http[0]?.timeout, '10s');
      assert.deepEqual(specFieldsOwnedBy(after, 'meshwright'), ['hosts', 'http']);
      // The other manager keeps what the document did not take from it (hosts is shared, not taken).
      assert.deepEqual(specFieldsOwnedBy(after, other.manager), ['hosts']);
      assert.ok(managersOf(after).includes('meshwright (Apply)'), managersOf(after).join(', '));
    });
  }

  it('applies where the identity may patch and reports the cluster that forbids it (403)', async () => {
    const name = 'details-real-forbidden';
    for (const cluster of ['east', 'west']) created.push([cluster, virtualService(name)]);
    const kubeconfig = mixedKubeconfig(plane, 'applier', { west: 'reader' });
    const mixed = await realApplyEnvironment(kubeconfig);
    const report = await apply(named(name), ['west', 'east'], mixed);
    assert.deepEqual(outcomes(report), [
      ['west', 'failed'],
      ['east', 'created'],
    ]);
    assert.equal(report.clusters[0]?.failure?.kind, 'forbidden');
    assert.match(
      report.clusters[0]?.failure?.message ?? '',
      /^cluster west forbids it \(403: virtualservices\.networking\.istio\.io "details-real-forbidden" is forbidden: User "meshwright-reader" cannot patch resource "virtualservices" in API group "networking\.istio\.io" in the namespace "bookinfo"\); applying needs get, create \(for a new object\) and patch on VirtualService objects \(API group networking\.istio\.io\) in namespace bookinfo; see docs\/apply\.md, RBAC \(the dry run Meshwright runs right before writing failed, so nothing was written to west\)$/,
    );
    assert.equal(await adminGet(plane, 'west', virtualService(name)), null);
    assert.notEqual(await adminGet(plane, 'east', virtualService(name)), null);
  });
});
