/**
 * Runs inside VS Code's extension host (code-server, through `extensionTestsPath`; bench/extension.bench.ts
 * drives it) and writes its figures to MESHWRIGHT_BENCH_OUTPUT as JSON. Two modes (MESHWRIGHT_BENCH_MODE):
 *
 *   activation: `activate()` of the installed-for-development extension in a fresh extension host, until it
 *               resolves (the language server started and answered `initialize`), with no clusters;
 *   tree:       the Topology tree's own classes (TopologySource, TopologyTreeProvider) over a language
 *               server reading a generated 50-cluster mesh: once the topology is in, the time to resolve
 *               getChildren from the roots down to every cluster node and getTreeItem of each; then the
 *               namespaces of every cluster (one request each). No DOM: VS Code renders only the visible
 *               rows of a virtualized list; this is the extension's part of the work.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageServerSession } from '../../client/src/language-server-session';
import { ProblemBadges } from '../../client/src/views/problem-badges';
import { type TopologyNode } from '../../client/src/views/topology/topology-node';
import { TopologyTreeProvider } from '../../client/src/views/topology/topology-tree-provider';
import { TopologySource } from '../../client/src/views/topology-source';

const EXTENSION_ID = 'meshwright.meshwright';

export async function run(): Promise<void> {
  const output = process.env.MESHWRIGHT_BENCH_OUTPUT;
  if (!output) throw new Error('MESHWRIGHT_BENCH_OUTPUT is not set');
  const mode = process.env.MESHWRIGHT_BENCH_MODE;
  const figures = mode === 'tree' ? await treeFigures() : await activationFigures();
  fs.writeFileSync(output, JSON.stringify(figures));
}

async function activationFigures(): Promise<Record<string, number>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  if (extension.isActive) throw new Error('the extension is already active: nothing would be measured');
  const started = performance.now();
  await extension.activate();
  // The extension logs how the time splits (registration vs. language server): the bench reads the log.
  return { activateMs: performance.now() - started };
}

/** A language server session of its own (the extension's is not exported). */
function benchSession(root: string): {
  session: LanguageServerSession;
  log: vscode.LogOutputChannel;
  dispose(): void;
} {
  const subscriptions: vscode.Disposable[] = [];
  // The session needs only these two members of an ExtensionContext.
  const context = {
    asAbsolutePath: (file: string) => `${root}/${file}`,
    subscriptions,
  } as unknown as vscode.ExtensionContext;
  const log = vscode.window.createOutputChannel('Meshwright bench', { log: true });
  return {
    session: new LanguageServerSession(context, log),
    log,
    dispose: () => {
      for (const disposable of subscriptions) disposable.dispose();
      log.dispose();
    },
  };
}

async function treeFigures(): Promise<Record<string, number>> {
  const root = process.env.MESHWRIGHT_BENCH_EXTENSION_ROOT;
  const clusters = Number(process.env.MESHWRIGHT_BENCH_CLUSTERS);
  if (!root || !Number.isInteger(clusters))
    throw new Error('MESHWRIGHT_BENCH_EXTENSION_ROOT/CLUSTERS not set');
  const { session, log, dispose } = benchSession(root);
  const source = new TopologySource(session, log);
  const provider = new TopologyTreeProvider(source, new ProblemBadges());
  try {
    const started = performance.now();
    await session.start();
    const startedMs = performance.now() - started;
    await until(
      () => {
        const view = source.topology;
        return (
          view !== undefined &&
          view.clusters.length === clusters &&
          view.health.every((h) => h.state === 'synced')
        );
      },
      source,
      120_000,
    );
    const syncedMs = performance.now() - started;

    // From the topology in hand to every cluster node resolved, as the view asks for them.
    const treeStarted = performance.now();
    const clusterNodes: TopologyNode[] = [];
    const walk = async (node: TopologyNode | undefined): Promise<void> => {
      for (const child of await provider.getChildren(node)) {
        provider.getTreeItem(child);
        if (child.kind === 'cluster') clusterNodes.push(child);
        else await walk(child);
      }
    };
    await walk(undefined);
    const treeMs = performance.now() - treeStarted;
    if (clusterNodes.length !== clusters)
      throw new Error(`${clusterNodes.length} cluster nodes, not ${clusters}`);

    // Expanding every cluster: its control plane and namespaces (one request per cluster).
    const expandStarted = performance.now();
    const namespaces = await Promise.all(clusterNodes.map((node) => provider.getChildren(node)));
    const expandMs = performance.now() - expandStarted;
    return {
      clusters: clusterNodes.length,
      serverStartMs: startedMs,
      topologySyncedMs: syncedMs,
      treeMs,
      expandAllMs: expandMs,
      namespaceRows: namespaces.reduce((sum, rows) => sum + rows.length, 0),
    };
  } finally {
    provider.dispose();
    source.dispose();
    await session.stop();
    dispose();
  }
}

/** Resolves once `condition` holds, re-checking whenever the source reports a change. */
function until(condition: () => boolean, source: TopologySource, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (condition()) return resolve();
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for every cluster to sync`));
    }, timeoutMs);
    const subscription = source.onDidChange(() => {
      if (!condition()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}
