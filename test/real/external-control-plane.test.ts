/**
 * The external control plane model on real API servers: istiod runs outside the clusters Meshwright reads
 * and takes its config from `config`, a cluster with no workloads, serving `remote-a` and `remote-b`.
 * Discovery, the targets of authored documents, MESH107 and apply must all treat `config` as the one
 * place config goes, and the offline reading of the same files must agree.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { applyDocument } from '../../server/src/apply/apply-execution';
import { loadApplyEnvironment, type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { REPO_ROOT, runCliInBackground } from '../cli/support/cli-process';
import { RealControlPlane } from './support/control-plane';
import { EXTERNAL_CONTROL_PLANE_DIRECTORY, externalControlPlaneMesh } from './support/meshes';

interface CliDiagnostic {
  code: string;
  file: string;
  cluster?: string;
  message: string;
}

/** The built CLI from the repository root; its findings (exit 1) are an answer, not a failure. */
async function meshwright(
  args: readonly string[],
  input?: string,
): Promise<{ code: number; stdout: string }> {
  const run = await runCliInBackground(args, { cwd: REPO_ROOT, ...(input === undefined ? {} : { input }) });
  if (run.status !== 0 && run.status !== 1) throw new Error(`meshwright ${args.join(' ')}: ${run.stderr}`);
  return { code: run.status, stdout: run.stdout };
}

/**
 * A file with no Kubernetes documents: given as the input, the CLI analyses only the clusters (with no
 * input at all it would analyse the current directory).
 */
const NOTHING_AUTHORED = path.join(EXTERNAL_CONTROL_PLANE_DIRECTORY, 'README.md');

const routeForRatings = (modeline: string): string => `${modeline}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings-timeout
  namespace: bookinfo
spec:
  hosts:
    - ratings.bookinfo.svc.cluster.local
  http:
    - timeout: 3s
      route:
        - destination:
            host: ratings.bookinfo.svc.cluster.local
`;

describe('external control plane on real API servers (config cluster + two remotes)', function () {
  this.timeout(240_000);
  let plane: RealControlPlane;
  let environment: ApplyEnvironment;

  before(async () => {
    plane = await RealControlPlane.start(externalControlPlaneMesh());
    const topology = await discoverTopology({ kubeconfig: plane.kubeconfig('applier'), timeoutMs: 30_000 });
    environment = loadApplyEnvironment({ kubeconfig: plane.kubeconfig('applier'), trusted: true }, topology);
  });
  after(async () => {
    await plane?.stop();
  });

  it('discovers config as the config cluster of an external istiod that serves both remotes', async () => {
    const { code, stdout } = await meshwright([
      'topology',
      '--kubeconfig',
      plane.kubeconfig(),
      '--format',
      'json',
    ]);
    assert.equal(code, 0, stdout);
    const topology = JSON.parse(stdout) as {
      clusters: { name: string; role: string; controlPlane: string | null; remoteSecrets: unknown[] }[];
      controlPlanes: { cluster: string; serves: string[]; external?: boolean }[];
    };
    const roles = Object.fromEntries(topology.clusters.map((c) => [c.name, [c.role, c.controlPlane]]));
    assert.deepEqual(roles, {
      config: ['config', 'config'],
      'remote-a': ['remote', 'config'],
      'remote-b': ['remote', 'config'],
    });
    assert.deepEqual(topology.controlPlanes, [
      { cluster: 'config', revision: 'default', serves: ['remote-a', 'remote-b'], external: true },
    ]);
  });

  it('reports the config left in a remote (MESH107, pointing at config) and nothing against config', async () => {
    const live = await meshwright([
      'analyze',
      '--kubeconfig',
      plane.kubeconfig(),
      '--format',
      'json',
      NOTHING_AUTHORED,
    ]);
    const diagnostics = (JSON.parse(live.stdout) as { diagnostics: CliDiagnostic[] }).diagnostics;
    const mesh107 = diagnostics.filter((d) => d.code === 'MESH107');
    assert.equal(mesh107.length, 1, JSON.stringify(mesh107));
    assert.equal(mesh107[0]?.cluster, 'remote-b');
    assert.match(mesh107[0]?.message ?? '', /ratings-retries.*Apply it to config instead/);
    // The fixtures' remote secrets name the remotes' public servers; the kubeconfig reaches them on
    // 127.0.0.1. MESH305 says so, with both URLs; it compares with the kubeconfig, so it exists live only.
    const mesh305 = diagnostics.filter((d) => d.code === 'MESH305');
    assert.deepEqual(
      mesh305.map((d) => [
        d.cluster,
        /reaches cluster (\S+) at (\S+), but the kubeconfig gives (\S+)/.exec(d.message)?.slice(1),
      ]),
      ['remote-a', 'remote-b'].map((remote) => [
        'config',
        [remote, `https://${remote}.k8s.ext.example.com:6443`, plane.cluster(remote).url],
      ]),
    );
    assert.deepEqual(
      diagnostics
        .filter((d) => d.cluster === 'config' && d.code !== 'MESH305')
        .map((d) => `${d.code} ${d.message}`),
      [],
    );
  });

  it('gives the same diagnostics live as offline from the files it was seeded from', async () => {
    const codes = async (...source: string[]): Promise<string[]> => {
      const answer = await meshwright(['analyze', ...source, '--format', 'json', NOTHING_AUTHORED]);
      return (
        (JSON.parse(answer.stdout) as { diagnostics: CliDiagnostic[] }).diagnostics
          // A real server creates default, kube-system, kube-public and kube-node-lease itself; the files
          // declare only the namespaces they use, so IST0102 on those is the one expected difference.
          .filter((d) => d.code !== 'IST0102' || !/Namespace (default|kube-)/.test(d.message))
          // MESH305 compares remote secrets with the kubeconfig's servers: offline there is no kubeconfig.
          .filter((d) => d.code !== 'MESH305')
          .map((d) => `${d.code} ${d.cluster ?? ''} ${d.message.slice(0, 120)}`)
          .sort()
      );
    };
    const offline = await codes(
      ...['config', 'remote-a', 'remote-b'].flatMap((name) => [
        '--cluster',
        `${name}=${path.join(EXTERNAL_CONTROL_PLANE_DIRECTORY, name)}`,
      ]),
    );
    const live = await codes('--kubeconfig', plane.kubeconfig());
    assert.deepEqual(live, offline);
  });

  it('aims an authored document at a remote with MESH107 naming config as the target instead', async () => {
    const document = routeForRatings('# meshwright: clusters=remote-a');
    const { stdout } = await meshwright(
      ['analyze', '--kubeconfig', plane.kubeconfig(), '--format', 'json', '-'],
      document,
    );
    const mesh107 = (JSON.parse(stdout) as { diagnostics: CliDiagnostic[] }).diagnostics.filter(
      (d) => d.code === 'MESH107' && d.file === '-',
    );
    assert.equal(mesh107.length, 1, stdout);
    assert.match(mesh107[0]?.message ?? '', /targets remote cluster remote-a .*Target config instead/);
  });

  it('applies to config, and refuses the remotes with the reason', async () => {
    const report = await applyDocument(routeForRatings(''), ['config', 'remote-a'], environment);
    const outcomes = Object.fromEntries(report.clusters.map((c) => [c.cluster, c.outcome]));
    assert.equal(outcomes.config, 'created', JSON.stringify(report));
    assert.notEqual(outcomes['remote-a'], 'created');
    const refusal = report.clusters.find((c) => c.cluster === 'remote-a');
    assert.match(JSON.stringify(refusal), /remote-a is a remote cluster.*config/);
    const stored = await plane
      .cluster('config')
      .rest('reader')
      .request('/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/ratings-timeout');
    assert.equal(stored.status, 200);
    const notThere = await plane
      .cluster('remote-a')
      .rest('reader')
      .request('/apis/networking.istio.io/v1/namespaces/bookinfo/virtualservices/ratings-timeout');
    assert.equal(notThere.status, 404);
  });
});
