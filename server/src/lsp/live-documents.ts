/**
 * `meshwright/liveDocument`: the text of a live object's read-only virtual document
 * (`meshwright:/<cluster>/<kind>/<namespace>/<name>.yaml`), rendered exactly as the engine rendered it to
 * compute its diagnostics' ranges, so they land on the right node when the editor opens it (the client
 * serves these documents in VS Code). Secrets have no data in the snapshot, so none can leak here. A
 * cluster's own URI (`meshwright:/<cluster>`) serves the page of what could be read there.
 */
import { type Connection } from 'vscode-languageserver';
import { type TopologySnapshot } from '../mesh/snapshot';
import { renderClusterReadState } from '../views/cluster-read-state';
import { parseClusterUri, parseLiveObjectUri, renderLiveObject } from '../yaml/live-object-document';
import { LIVE_DOCUMENT_REQUEST, type LiveDocumentParams } from '../../../protocol/requests';

export function liveDocumentText(snapshot: TopologySnapshot, uri: string): string | null {
  const clusterName = parseClusterUri(uri);
  if (clusterName !== undefined) {
    const cluster = snapshot.clusters.find((candidate) => candidate.name === clusterName);
    return cluster ? renderClusterReadState(cluster) : null;
  }
  const target = parseLiveObjectUri(uri);
  if (!target) return null;
  const cluster = snapshot.clusters.find((candidate) => candidate.name === target.cluster);
  const object = cluster?.objects.find(
    (candidate) =>
      candidate.kind === target.kind &&
      (candidate.metadata.namespace ?? '') === target.namespace &&
      candidate.metadata.name === target.name,
  );
  return object ? renderLiveObject(object) : null;
}

export function registerLiveDocuments(connection: Connection, snapshot: () => TopologySnapshot): void {
  connection.onRequest(LIVE_DOCUMENT_REQUEST, (params: LiveDocumentParams): string | null =>
    typeof params?.uri === 'string' ? liveDocumentText(snapshot(), params.uri) : null,
  );
}
