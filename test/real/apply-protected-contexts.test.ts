/**
 * The extension's apply flow (client/src/apply/apply-flow.ts, with a scripted user in place of VS Code)
 * through the built language server, against real kube-apiservers: a cluster matching
 * `meshwright.apply.protectedContexts` asks for its name after the confirmation; a wrong answer stops the
 * apply before any apply request is sent, so no cluster is written (not even the unprotected one); the
 * right answer applies to every confirmed cluster.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { type LanguageClient } from 'vscode-languageclient/node';
import { type runApplyFlow as RunApplyFlow } from '../../client/src/apply/apply-flow';
import { type ApplyDiffDocuments } from '../../client/src/apply/apply-diff-documents';
import { TOPOLOGY_REQUEST, type TopologyView } from '../../protocol/requests';
import { LspTestClient } from '../lsp/support/lsp-test-client';
import { fixture } from '../cluster/apply-support';
import { waitFor } from '../cluster/sim-harness';
import { adminDelete, adminGet, networkingPath } from './support/apply-environment';
import { type RealControlPlane } from './support/control-plane';
import { installScriptedVscode, script, scriptedLog } from './support/scripted-vscode';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const NAME = 'details-real-protected';
const OBJECT = networkingPath('virtualservices', 'bookinfo', NAME);
const SOURCE = {
  uri: 'file:///workspace/details.yaml',
  text: fixture('details-virtualservice.yaml').replace('name: details', `name: ${NAME}`),
};

describe('real clusters: protected contexts in the apply flow', function () {
  this.timeout(180_000);
  let plane: RealControlPlane;
  let server: LspTestClient;
  let runApplyFlow: typeof RunApplyFlow;
  const sent: string[] = [];

  before(async () => {
    installScriptedVscode();
    // Loaded only now, so that its `import 'vscode'` finds the stand-in.
    ({ runApplyFlow } = createRequire(__filename)('../../client/src/apply/apply-flow') as {
      runApplyFlow: typeof RunApplyFlow;
    });
    plane = await sharedDemoControlPlane();
    server = await LspTestClient.start({
      settings: { validation: { enable: true }, kubeconfig: plane.kubeconfig('applier'), contexts: [] },
      progressSupport: true,
    });
    await waitFor(
      async () => {
        const view = (await server.connection.sendRequest(TOPOLOGY_REQUEST)) as TopologyView;
        return view.health.length === 3 && view.health.every((health) => health.state === 'synced');
      },
      'the topology to be synced',
      60_000,
    );
  });
  after(async () => {
    await server?.stop();
    if (plane) for (const cluster of ['east', 'west']) await adminDelete(plane, cluster, OBJECT);
  });
  beforeEach(() => {
    sent.length = 0;
    script.shown.length = 0;
  });

  /** The extension's flow, its requests going to the real language server (and recorded). */
  const applyFlow = (clusters: string[]): ReturnType<typeof RunApplyFlow> => {
    const client = {
      sendRequest: (method: string, params: unknown) => {
        sent.push(method);
        return server.connection.sendRequest(method, params);
      },
      onProgress: () => ({ dispose() {} }),
    } as unknown as LanguageClient;
    const diffs = { showPlanDiff: () => Promise.resolve() } as unknown as ApplyDiffDocuments;
    const log = scriptedLog() as unknown as Parameters<typeof RunApplyFlow>[0]['log'];
    return runApplyFlow({ client, diffs, log }, SOURCE, clusters, `VirtualService bookinfo/${NAME}`);
  };

  it('stops before any apply request when the protected cluster name is not typed', async () => {
    script.protectedContexts = ['prod-*', 'we?t'];
    script.inputBoxAnswers = ['east'];
    const outcome = await applyFlow(['east', 'west']);
    assert.deepEqual(
      outcome?.plan.clusters.map((cluster) => [cluster.cluster, cluster.outcome]),
      [
        ['east', 'create'],
        ['west', 'create'],
      ],
    );
    assert.equal(outcome?.results, undefined, 'nothing applied');
    assert.deepEqual(sent, ['meshwright/applyPlan'], 'the dry run only: no apply request');
    assert.ok(
      script.shown.includes(
        `input: west matches "we?t" (meshwright.apply.protectedContexts). Type west to apply VirtualService bookinfo/${NAME} there.`,
      ),
      script.shown.join('\n'),
    );
    assert.equal(script.shown.filter((line) => line.startsWith('input:')).length, 1, 'east is not protected');
    for (const cluster of ['east', 'west']) assert.equal(await adminGet(plane, cluster, OBJECT), null);
  });

  it('applies to every confirmed cluster once the protected cluster is named', async () => {
    script.protectedContexts = ['we?t'];
    script.inputBoxAnswers = ['west'];
    const outcome = await applyFlow(['east', 'west']);
    assert.deepEqual(
      outcome?.results?.map((result) => [result.cluster, result.outcome]),
      [
        ['east', 'created'],
        ['west', 'created'],
      ],
    );
    assert.deepEqual(sent, ['meshwright/applyPlan', 'meshwright/apply']);
    for (const cluster of ['east', 'west']) assert.notEqual(await adminGet(plane, cluster, OBJECT), null);
  });
});
