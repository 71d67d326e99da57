/**
 * Inputs for the CLI and language-server benchmarks (bench/cli.bench.ts): the analysis corpus
 * (analysis-corpus.ts: Bookinfo-shaped applications, Kubernetes objects and Istio config) made to look
 * like a mesh that runs: pods in injected namespaces carry their istio-proxy container, so the findings
 * are the few the corpus plants (a missing subset in every 25th application), as in a real repository,
 * not one warning per pod.
 */
import { PUBLIC_GATEWAY, generateMeshDocuments, joinDocuments } from './analysis-corpus';

const SIDECAR = `    - name: istio-proxy
      image: docker.io/istio/proxyv2:1.26.0
`;

function withSidecar(document: string): string {
  return /^kind: Pod$/m.test(document)
    ? document.replace(/^ {2}containers:\n/m, `  containers:\n${SIDECAR}`)
    : document;
}

/** `count` resources (the shared Gateway included) as one multi-document file. */
export function meshFile(count: number, variant: string): string {
  return joinDocuments([PUBLIC_GATEWAY, ...generateMeshDocuments(count - 1, variant).map(withSidecar)]);
}

/** `count` resources as separate documents, for spreading over files. */
export function meshDocuments(count: number, variant: string): string[] {
  return [PUBLIC_GATEWAY, ...generateMeshDocuments(count - 1, variant).map(withSidecar)];
}
