/**
 * Helpers for the apply engine tests: the demo mesh in the simulator, an ApplyEnvironment built the way the
 * language server builds it (kubeconfig loader + the roles a real discovery read), fixture
 * documents, reading objects back with the real kubectl, and every token of the run's kubeconfig (no
 * message may contain one).
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadApplyEnvironment, type ApplyEnvironment } from '../../server/src/apply/apply-targets';
import { discoverTopology } from '../../server/src/topology/discover-topology';
import { readKubeconfig, startForTest, type SimulatorUnderTest } from './sim-harness';

export const APPLY_FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'apply');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(APPLY_FIXTURES, name), 'utf8');
}

export function startDemo(): Promise<SimulatorUnderTest> {
  return startForTest({ demo: true });
}

/** As the language server does it: the kubeconfig's contexts and the topology's remote clusters. */
export async function applyEnvironment(
  sim: SimulatorUnderTest,
  requestTimeoutMs = 10_000,
): Promise<ApplyEnvironment> {
  const topology = await discoverTopology({ kubeconfig: sim.kubeconfigPath, timeoutMs: 15_000 });
  return loadApplyEnvironment({ kubeconfig: sim.kubeconfigPath, trusted: true }, topology, requestTimeoutMs);
}

/** The object as the cluster has it (kubectl get -o json), or null when kubectl says NotFound. */
export async function kubectlGet(
  sim: SimulatorUnderTest,
  cluster: string,
  type: string,
  namespace: string,
  name: string,
): Promise<Record<string, unknown> | null> {
  const result = await sim.kubectl(
    '--context',
    cluster,
    'get',
    type,
    name,
    '-n',
    namespace,
    '-o',
    'json',
    '--show-managed-fields',
  );
  if (result.code !== 0) {
    if (/NotFound|not found/.test(result.stderr)) return null;
    throw new Error(`kubectl get ${type} ${name} in ${cluster} failed: ${result.stderr}`);
  }
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

export function managersOf(object: Record<string, unknown> | null): string[] {
  const metadata = (object?.metadata ?? {}) as { managedFields?: { manager: string; operation: string }[] };
  return (metadata.managedFields ?? []).map((entry) => `${entry.manager} (${entry.operation})`);
}

export function kubeconfigTokens(sim: SimulatorUnderTest): string[] {
  return readKubeconfig(sim.kubeconfigPath).users.map((user) => user.user.token);
}

/** Fails when any text contains a token of the run's kubeconfig. */
export function assertNoToken(sim: SimulatorUnderTest, texts: readonly string[]): void {
  for (const token of kubeconfigTokens(sim)) {
    for (const text of texts) {
      if (text.includes(token)) throw new Error(`a kubeconfig token appears in: ${text.slice(0, 80)}...`);
    }
  }
}
