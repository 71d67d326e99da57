/**
 * A `meshwright.kubeconfig` written as a relative path (`../.kube/config` in a repository's committed
 * `.vscode/settings.json`, as the demo workspace does) means a path relative to the first workspace
 * folder, not to wherever the editor started the language server. Applied to the raw settings section the
 * editor answers, before normalisation, so discovery and apply see the same absolute path.
 */
import * as path from 'node:path';

export function withWorkspaceRelativeKubeconfig(section: unknown, folders: readonly string[]): unknown {
  const folder = folders[0];
  if (!folder || typeof section !== 'object' || section === null || Array.isArray(section)) return section;
  const kubeconfig = (section as { kubeconfig?: unknown }).kubeconfig;
  if (typeof kubeconfig !== 'string' || kubeconfig.trim() === '') return section;
  const resolved = kubeconfig
    .split(path.delimiter)
    .map((entry) => {
      const file = entry.trim();
      // `~/...` is expanded by the kubeconfig loader; absolute paths stay as they are.
      if (file === '' || path.isAbsolute(file) || file === '~' || file.startsWith('~/')) return file;
      return path.resolve(folder, file);
    })
    .join(path.delimiter);
  return { ...section, kubeconfig: resolved };
}
