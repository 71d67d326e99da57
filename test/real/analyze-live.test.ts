/**
 * `meshwright analyze --kubeconfig K demo/workspace` (the built CLI) against the demo mesh on real
 * kube-apiservers gives the diagnostics of `meshwright analyze --cluster east=DIR ... demo/workspace`,
 * where each DIR is the state the cluster was seeded from (simulator/demo/<name>): same code, severity,
 * message, file and range (or cluster object), resource, cluster and related locations. The only live
 * diagnostics without an offline counterpart are about objects the API server makes by itself, each
 * listed below with the reason.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_CLUSTER_NAMES, demoDirectory } from '../../simulator/src/index';
import { REPO_ROOT } from '../cli/support/cli-process';
import {
  type ParityInput,
  cliOfflineAndLive,
  describeDifferences,
  formatComparable,
  readClusterDirectories,
} from '../cluster/parity-harness';
import { type RealControlPlane } from './support/control-plane';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const WORKSPACE = 'demo/workspace';

/**
 * Live diagnostics about objects no seed file defines. kube-apiserver creates the namespaces default,
 * kube-system, kube-public and kube-node-lease itself (and the harness gives every namespace the `default`
 * ServiceAccount the controller manager would); of these only `default` is analysed as an application
 * namespace, and it has no `istio-injection` label: IST0102, as istioctl analyze says on a real cluster.
 * The offline input keeps the seed files as they are, since they are what the simulator serves too.
 */
const ABOUT_SERVER_MADE_OBJECTS = DEMO_CLUSTER_NAMES.map(
  (cluster) => `IST0102 cluster ${cluster}: Namespace default [default] Namespace default @${cluster}`,
).sort();

/** What the README promises the demo workspace shows: the comparison is not between two empty lists. */
const PROMISED = [
  'MESH101 demo/workspace/policies/details-failover.yaml',
  'MESH107 demo/workspace/policies/ratings-edge.yaml',
  'MESH205 demo/workspace/policies/reviews-canary.yaml',
];

/** The workspace's YAML files, named as the CLI names them when given `demo/workspace` from the repository. */
function workspaceDocuments(): ParityInput['documents'] {
  const found: { uri: string; text: string }[] = [];
  const visit = (relative: string): void => {
    for (const entry of fs.readdirSync(path.join(REPO_ROOT, relative), { withFileTypes: true })) {
      const child = path.posix.join(relative, entry.name);
      if (entry.isDirectory() && !entry.name.startsWith('.')) visit(child);
      else if (/\.ya?ml$/.test(entry.name))
        found.push({ uri: child, text: fs.readFileSync(path.join(REPO_ROOT, child), 'utf8') });
    }
  };
  visit(WORKSPACE);
  return found.sort((a, b) => a.uri.localeCompare(b.uri));
}

describe('real clusters: meshwright analyze --kubeconfig equals the offline analysis', function () {
  this.timeout(240_000);
  let plane: RealControlPlane;

  before(async () => {
    plane = await sharedDemoControlPlane();
  });

  it('gives the demo workspace the diagnostics of the files the clusters were seeded from', async () => {
    const clusters = readClusterDirectories(
      DEMO_CLUSTER_NAMES.map((name) => ({ name, directory: path.join(demoDirectory(), name) })),
    ).clusters;
    const input: ParityInput = { documents: workspaceDocuments(), clusters };
    const outcome = await cliOfflineAndLive(input, REPO_ROOT, plane.kubeconfig('reader'), [WORKSPACE]);
    assert.deepEqual(outcome.failures, []);
    const offline = new Set(outcome.offline.map((d) => `${d.code} ${d.where.replace(/:[\d:-]+$/, '')}`));
    for (const promised of PROMISED) assert.ok(offline.has(promised), `${promised} is missing`);
    assert.ok(
      outcome.onlyOffline.length === 0 && outcome.onlyLive.length === 0,
      describeDifferences('demo/workspace', outcome),
    );
    assert.deepEqual(outcome.aboutSimulatorObjects.map(formatComparable).sort(), ABOUT_SERVER_MADE_OBJECTS);
  });
});
