/**
 * The hover on a document whose targets come from the repository: which clusters, and which Argo CD
 * Application / ApplicationSet or Flux Kustomization sends it there, with a link to the file and line.
 * Markdown, pure.
 */
import { type DocumentTargetInfo } from '../document-targets';
import { describeOrigin } from './gitops-deployments';

export function gitOpsTargetsHover(info: DocumentTargetInfo): string {
  const shown = info.targets.length > 0 ? info.targets.join(', ') : 'none';
  const lines = [`**Targets: ${shown}** (from the Argo CD / Flux objects of the repository)`, ''];
  for (const origin of info.origins) {
    const line = origin.range.start.line + 1;
    const file = shortPath(origin.uri, info.uri);
    lines.push(`- ${describeOrigin(origin)}: [${file}:${line}](${origin.uri}#L${line})`);
  }
  if (info.remoteTargets.length > 0)
    lines.push(
      '',
      `${info.remoteTargets.join(', ')} ${info.remoteTargets.length === 1 ? 'is a remote' : 'are remotes'}: Istio config there is ignored (MESH107).`,
    );
  lines.push(
    '',
    'A `# meshwright: clusters=` modeline above the document, or a `meshwright.targets` rule, takes precedence.',
  );
  return lines.join('\n');
}

/** `uri` without the folders it shares with `from`: `argocd/mesh.yaml` next to `mesh/east/dr.yaml`. */
function shortPath(uri: string, from: string): string {
  const a = uri.split('/');
  const b = from.split('/');
  let common = 0;
  while (common < a.length - 1 && common < b.length - 1 && a[common] === b[common]) common++;
  return decodeURIComponent(a.slice(common).join('/'));
}
