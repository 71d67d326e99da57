/**
 * Finds the kustomizations among the files being analysed and what each reads, by following the paths
 * their kustomization files name (resources, components, patches, generator files). The roots are the
 * kustomizations no other one uses (the overlays): those are rendered. Every file a kustomization reads
 * is owned by the rendering and is not analysed as a standalone resource: a patch is a partial object,
 * and a base's objects are analysed as each overlay renders them.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  KUSTOMIZATION_FILE_NAMES,
  type KustomizationFile,
  readKustomizationFile,
} from './kustomization-file';

export interface KustomizationNode {
  /** Absolute path of the directory. */
  readonly directory: string;
  /** Absolute path of its kustomization file. */
  readonly file: string;
  readonly text: string;
  readonly parsed: KustomizationFile;
  /** Directories of the kustomizations it uses (resources and components), in the order named. */
  readonly uses: readonly string[];
  /** Files it names directly (resources, patches, generator inputs), absolute. */
  readonly files: readonly string[];
  /** Every local path it names, existing or not: the temporary copy keeps their layout, so kustomize's
   * errors about a missing one name the user's path. */
  readonly mentioned: readonly string[];
}

export interface KustomizeTree {
  readonly nodes: ReadonlyMap<string, KustomizationNode>;
  /** Directories of the kustomizations to render: those no other kustomization uses, Components excepted. */
  readonly roots: readonly string[];
  /** Every file some kustomization reads, kustomization files included (absolute, links resolved). */
  readonly owned: ReadonlySet<string>;
}

/** Files a rendering of `root` reads: its kustomization files and every file they name, transitively. */
export function filesOfRendering(tree: KustomizeTree, root: string): string[] {
  return [...reachOfRendering(tree, root).files];
}

/** The files a rendering reads, and every local path its kustomizations name (some may not exist). */
export function reachOfRendering(
  tree: KustomizeTree,
  root: string,
): { files: Set<string>; paths: Set<string> } {
  const paths = new Set<string>();
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (directory: string): void => {
    if (seen.has(directory)) return;
    seen.add(directory);
    const node = tree.nodes.get(directory);
    if (!node) return;
    files.add(node.file);
    for (const file of node.files) files.add(file);
    for (const mentioned of node.mentioned) paths.add(mentioned);
    for (const used of node.uses) visit(used);
  };
  visit(root);
  return { files, paths };
}

/** Kustomizations of `directories` (each checked for a kustomization file), and all they use. */
export async function discoverKustomizeTree(directories: Iterable<string>): Promise<KustomizeTree> {
  const nodes = new Map<string, KustomizationNode>();
  const used = new Set<string>();
  const pending = [...new Set(directories)];
  const found: string[] = [];
  while (pending.length > 0) {
    const directory = pending.shift() as string;
    if (nodes.has(directory)) continue;
    const node = await readNode(directory);
    if (!node) continue;
    nodes.set(directory, node);
    found.push(directory);
    for (const next of node.uses) {
      used.add(next);
      pending.push(next);
    }
  }
  const owned = new Set<string>();
  for (const node of nodes.values()) {
    owned.add(await realPath(node.file));
    for (const file of node.files) owned.add(await realPath(file));
  }
  const roots = found.filter(
    (directory) => !used.has(directory) && nodes.get(directory)?.parsed.kind === 'Kustomization',
  );
  return { nodes, roots: roots.sort(), owned };
}

export async function kustomizationFileIn(directory: string): Promise<string | undefined> {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const candidate = path.join(directory, name);
    const stats = await fs.stat(candidate).catch(() => undefined);
    if (stats?.isFile()) return candidate;
  }
  return undefined;
}

async function readNode(directory: string): Promise<KustomizationNode | undefined> {
  const file = await kustomizationFileIn(directory);
  if (!file) return undefined;
  const text = await fs.readFile(file, 'utf8');
  const parsed = readKustomizationFile(text);
  const uses: string[] = [];
  const files: string[] = [];
  const mentionedPaths: string[] = [];
  for (const mentioned of parsed.mentionedPaths) {
    // Remote bases (URLs) are kustomize's to fetch; nothing local to copy or to leave out.
    if (mentioned.includes('://') || mentioned.startsWith('github.com/') || mentioned.includes('\n'))
      continue;
    const absolute = path.resolve(directory, mentioned);
    mentionedPaths.push(absolute);
    const stats = await fs.stat(absolute).catch(() => undefined);
    if (stats?.isFile()) files.push(absolute);
    else if (stats?.isDirectory() && absolute !== directory && (await kustomizationFileIn(absolute)))
      uses.push(absolute);
  }
  return { directory, file, text, parsed, uses, files, mentioned: mentionedPaths };
}

async function realPath(file: string): Promise<string> {
  return fs.realpath(file).catch(() => file);
}
