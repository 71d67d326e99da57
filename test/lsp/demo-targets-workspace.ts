/**
 * A workspace of policies for the demo mesh (simulator/demo, served by meshwright-sim), opened in the
 * built language server over stdio with the simulator's kubeconfig in `meshwright.kubeconfig`: the
 * setting of the targets and code action tests. The documents plant the cases the targets feature must get right:
 * - reviews-routes.yaml: routes 20% to subset v3, which only east's DestinationRule defines (MESH205);
 * - details-for-edge.yaml: `# meshwright: clusters=edge`, a remote (MESH107);
 * - productpage-failover.yaml: locality failover without outlierDetection (MESH101);
 * - ratings-rule.yaml: east's version of the drifted ratings rule (MESH201 against west's live copy).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Diagnostic, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { type SimulatorUnderTest, startForTest } from '../cluster/sim-harness';
import { LspTestClient, fileUri } from './support/lsp-test-client';

export const DOCUMENTS: Readonly<Record<string, string>> = {
  'reviews-routes.yaml': `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts:
    - reviews
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
          weight: 80
        - destination:
            host: reviews
            subset: v3
          weight: 20
`,
  'details-for-edge.yaml': `# meshwright: clusters=edge
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: details
  namespace: bookinfo
spec:
  host: details
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
`,
  'productpage-failover.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: productpage
  namespace: bookinfo
spec:
  host: productpage
  trafficPolicy:
    loadBalancer:
      localityLbSetting:
        enabled: true
        failover:
          - from: us-east
            to: us-west
`,
  'ratings-rule.yaml': `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
  namespace: bookinfo
spec:
  host: ratings
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    loadBalancer:
      simple: LEAST_REQUEST
      localityLbSetting:
        enabled: true
        failover:
          - from: us-east
            to: us-west
    outlierDetection:
      consecutive5xxErrors: 5
      interval: 10s
      baseEjectionTime: 30s
  subsets:
    - name: v1
      labels:
        version: v1
`,
};

export interface DemoWorkspace {
  readonly client: LspTestClient;
  readonly sim: SimulatorUnderTest;
  readonly directory: string;
  uri(file: string): string;
  /** Opens a document of the workspace and waits for its diagnostics to hold `code` (clusters read). */
  openAndWait(file: string, code: string): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

export async function startDemoWorkspace(): Promise<DemoWorkspace> {
  const sim = await startForTest({ demo: true });
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-targets-'));
  for (const [file, text] of Object.entries(DOCUMENTS)) fs.writeFileSync(path.join(directory, file), text);
  const client = await LspTestClient.start({
    workspaceFolders: [directory],
    settings: { validation: { enable: true }, kubeconfig: sim.kubeconfigPath },
    initializationOptions: { validationDelayMs: 0 },
    progressSupport: true,
  });
  const uri = (file: string): string => fileUri(path.join(directory, file));
  return {
    client,
    sim,
    directory,
    uri,
    async openAndWait(file, code) {
      await client.open(uri(file), DOCUMENTS[file]!);
      // The clusters are read in the background: wait for the publication that uses them.
      return client.latestDiagnostics(
        uri(file),
        (params) => params.diagnostics.some((d: Diagnostic) => d.code === code),
        `${code} in ${file}`,
        0,
        30_000,
      );
    },
    async stop() {
      await client.stop();
      await sim.stop();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
