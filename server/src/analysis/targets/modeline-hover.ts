/**
 * The hover of a modeline: which clusters the documents after it are meant for, what each one is
 * (primary, remote and who serves it, unknown), and which documents it governs. Markdown, pure.
 */
import { type ClusterInfo } from '../model/mesh-index';
import { type DocumentTargetInfo } from './document-targets';
import { type Modeline } from './modelines';
import {
  type DeclaredTargets,
  describeTargetSource,
  isConfigSource,
  resolveTargets,
} from './resolved-targets';

export function modelineHover(
  modeline: Modeline,
  governed: readonly DocumentTargetInfo[],
  clusters: readonly ClusterInfo[],
  fallback: DeclaredTargets,
): string {
  const declared: DeclaredTargets =
    modeline.clusters && !modeline.clusters.reset
      ? { source: 'modeline', clusters: modeline.clusters.names.map((n) => n.name) }
      : fallback;
  const resolved = resolveTargets(declared, clusters);
  const names = declared.clusters ?? resolved.clusters;
  const lines: string[] = [];
  const shown = names.length > 0 ? names.join(', ') : 'none';
  const why =
    declared.source === 'modeline'
      ? 'named by this modeline'
      : `${describeTargetSource(declared.source)}, which this modeline goes back to`;
  lines.push(`**Targets: ${shown}** (${why})`, '');
  if (clusters.length === 0) {
    lines.push(
      'No cluster is known yet (no kubeconfig or `meshwright.clusters`): the names cannot be checked.',
    );
  } else {
    for (const name of names) lines.push(`- ${describeCluster(name, clusters)}`);
    const remotes = resolved.remotes.map((remote) =>
      remote.controlPlane
        ? `${remote.cluster} is a remote served by ${remote.controlPlane}: Istio config there is ignored (MESH107); target ${remote.controlPlane} instead.`
        : `${remote.cluster} is a remote: Istio config there is ignored (MESH107).`,
    );
    if (remotes.length > 0) lines.push('', ...remotes);
    const all = clusters.filter(isConfigSource).map((cluster) => cluster.name);
    lines.push('', `Primaries of the mesh: ${all.length > 0 ? all.join(', ') : 'none found'}.`);
  }
  if (governed.length > 0) {
    const documents = governed.map(
      (d) => `${d.resource.kind} ${d.resource.namespace ? `${d.resource.namespace}/` : ''}${d.resource.name}`,
    );
    lines.push('', `Applies to: ${documents.join(', ')} (the documents after it, until the next modeline).`);
  }
  return lines.join('\n');
}

function describeCluster(name: string, clusters: readonly ClusterInfo[]): string {
  const cluster = clusters.find((candidate) => candidate.name === name);
  if (!cluster) return `\`${name}\`: not a cluster of the mesh`;
  switch (cluster.facts.role) {
    case 'primary':
      return `\`${name}\`: primary (its istiod reads its own Istio config)`;
    case 'config':
      return `\`${name}\`: config cluster of an external control plane`;
    case 'remote':
      return `\`${name}\`: remote${cluster.facts.controlPlane ? `, served by ${cluster.facts.controlPlane}` : ''}`;
    case 'unknown':
      return `\`${name}\`: no Istio control plane found`;
  }
}
