/** What request handlers share for one simulated cluster: its objects, registry, faults and open watches. */
import { type FaultController } from '../faults/fault-controller';
import { type ResourceRegistry } from '../registry/resource-registry';
import { type ObjectStore } from '../state/object-store';
import { type ServiceAddressAllocator } from '../state/service-addresses';

/** An open watch stream; `close(abrupt)` ends it (cleanly, or by resetting the connection). */
export interface OpenWatch {
  close(abrupt: boolean): void;
}

export interface ClusterContext {
  readonly name: string;
  readonly registry: ResourceRegistry;
  readonly store: ObjectStore;
  readonly faults: FaultController;
  /** Cluster IPs and node ports for new Services. */
  readonly serviceAddresses: ServiceAddressAllocator;
  /** The version `/version` reports (kubectl's version dispatcher picks its binary from it). */
  readonly kubernetesVersion: string;
  /** The user RBAC messages name (the kubeconfig user). */
  readonly userName: string;
  readonly bookmarkIntervalMs: number;
  readonly watches: Set<OpenWatch>;
}
