/**
 * The Mesh Health view and the "Check Mesh" report: the checklist of `meshwright check`, computed by the
 * language server from its live clusters. The client asks again whenever `meshwright/topologyChanged`
 * arrives; the verification of remote secrets is a request of its own, made only after the user agreed.
 */
import { type CheckResult } from './check-results';

export const MESH_HEALTH_REQUEST = 'meshwright/meshHealth';

export interface MeshHealthResult {
  /**
   * The snapshot version the checks were computed from: behind the topology's while the clusters change
   * faster than a large mesh's checklist is computed (ask again a little later).
   */
  readonly version: number;
  /** In the checklist's order: reachability, identity, trust, remote secrets, gateways, versions, drift. */
  readonly checks: readonly CheckResult[];
  /** The checklist as `meshwright check` prints it, without colour. */
  readonly report: string;
  /** Why there are no clusters to check (no kubeconfig, unknown context); null otherwise. */
  readonly problem: string | null;
  /** When the remote secrets were last verified (ISO 8601); null when they never were. */
  readonly verifiedAt: string | null;
}

export const VERIFY_REMOTE_SECRETS_REQUEST = 'meshwright/verifyRemoteSecrets';

export interface VerifyRemoteSecretsResult {
  /** Why nothing was verified (untrusted workspace, no primary); null when it ran. */
  readonly refused: string | null;
  /** The `remote access` checks of the verification, also shown in the checklist from now on. */
  readonly checks: readonly CheckResult[];
  /** Primaries whose remote secrets could not be read, with the reason. */
  readonly unreadable: readonly { readonly cluster: string; readonly reason: string }[];
}
