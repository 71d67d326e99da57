/**
 * Which program renders a kustomization: a `kustomize` binary when one is on PATH (`kustomize build`),
 * else kubectl's built-in kustomize (`kubectl kustomize`). Neither on PATH is a problem the user must
 * see, never a silent skip: rendering is what tells what a cluster receives.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface KustomizeProgram {
  /** Absolute path of the binary. */
  readonly executable: string;
  /** `kustomize build` or `kubectl kustomize`, for messages. */
  readonly name: string;
  /** Arguments before the directory. */
  readonly subcommand: readonly string[];
}

export async function findKustomizeProgram(
  searchPath: string | undefined,
): Promise<KustomizeProgram | undefined> {
  const kustomize = await onPath('kustomize', searchPath);
  if (kustomize) return { executable: kustomize, name: 'kustomize build', subcommand: ['build'] };
  const kubectl = await onPath('kubectl', searchPath);
  if (kubectl) return { executable: kubectl, name: 'kubectl kustomize', subcommand: ['kustomize'] };
  return undefined;
}

async function onPath(name: string, searchPath: string | undefined): Promise<string | undefined> {
  for (const directory of (searchPath ?? '').split(path.delimiter)) {
    if (!directory) continue;
    const candidate = path.join(directory, name);
    try {
      await fs.access(candidate, fs.constants.X_OK);
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // not here; the next directory of PATH
    }
  }
  return undefined;
}
