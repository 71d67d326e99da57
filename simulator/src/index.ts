/**
 * meshwright-sim's programmatic API, for tests, the e2e runner, the demo and benchmarks:
 *
 *   const sim = await startSimulator({ demo: true, kubeconfigPath: '/tmp/kc' });
 *   sim.cluster('west').setFaults({ forbidden: [{ resource: 'secrets' }] });
 *   await sim.cluster('west').stop(); await sim.cluster('west').start();
 *   await sim.stop();
 */
export { startSimulator, type ClusterSource, type Simulator, type SimulatorOptions } from './simulator';
export { type SimulatedCluster } from './cluster/simulated-cluster';
export { type FaultSettings, type ForbiddenRule } from './faults/fault-controller';
export { type ClusterState } from './control/control-server';
export { generateMesh, type GeneratedMesh, type MeshShape } from './generator/mesh-generator';
export { demoClusters, demoDirectory, DEMO_CLUSTER_NAMES } from './demo/demo-mesh';
export { loadState, StateLoadError, type LoadedObject } from './state/state-loader';
export { type KubeObject } from './model/kube-object';
