/**
 * What the apply engine answers, per cluster: the dry-run plan (what would be created, changed or left
 * unchanged, with the live and would-be objects for a diff) and the report of a real apply (what did and
 * did not change). The LSP messages (`meshwright/applyPlan`, `meshwright/apply`) carry these shapes as
 * they are, so the client, the engine and the tests speak one vocabulary. No type here holds a credential.
 */
import { type ResourceRef } from './resource-ref';

/** Every server-side apply Meshwright makes uses this field manager: `managedFields` show it as the owner. */
export const FIELD_MANAGER = 'meshwright';

/** Why a cluster was not (or could not be) written to. Each kind has one explanation with its way out. */
export type ApplyFailureKind =
  /** A remote cluster: no control plane reads Istio config there (MESH107). Refused before any request. */
  | 'remote-cluster'
  /**
   * The cluster's role is not known (first sync in progress, never read, partial read, not watched, no
   * control plane found): refused before any request, since it could be a remote.
   */
  | 'role-unknown'
  /** Not an Istio or Gateway API kind, and the request did not name it among the kinds the user confirmed. */
  | 'kind-not-allowed'
  /** The apply is not the one the user saw in the dry run (document or targets differ, or no dry run). */
  | 'plan-mismatch'
  /** The context is missing from the kubeconfig, or its credentials need a trusted workspace. */
  | 'kubeconfig'
  /** 409: another field manager owns fields this document sets. */
  | 'conflict'
  /** 404 for the namespace: it does not exist in that cluster (MESH108). */
  | 'namespace-missing'
  /** 404 for the resource type: the cluster does not serve this apiVersion/kind (CRDs not installed). */
  | 'kind-not-served'
  /**
   * 400/422: the API server refused the object (validation, immutable field); also kube-apiserver's 500
   * for a server-side apply that does not fit the CRD's schema.
   */
  | 'invalid'
  | 'unreachable'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'server-error'
  /** The user cancelled before this cluster was written to. */
  | 'cancelled';

/** One field another manager owns, from a 409 Status. */
export interface FieldConflict {
  /** `.spec.host`, `.spec.subsets[name="v1"].labels.version`, as the API server names it. */
  readonly field: string;
  readonly manager: string;
  /** `Update` (kubectl apply client-side, kubectl edit, controllers) or `Apply` (another server-side applier). */
  readonly operation: 'Apply' | 'Update';
  /** `field .spec.host is owned by manager kubectl-client-side-apply (Update)` */
  readonly explanation: string;
}

export interface ApplyFailure {
  readonly kind: ApplyFailureKind;
  /** The cause and the way out, naming the cluster; never a token or a request. */
  readonly message: string;
  /** The conflicting fields of a 409 (empty otherwise). */
  readonly conflicts: readonly FieldConflict[];
}

/** The dry run's verdict for one cluster. */
export type PlanOutcome = 'create' | 'change' | 'unchanged' | 'failed';

export interface ClusterPlan {
  readonly cluster: string;
  readonly outcome: PlanOutcome;
  /** Authored fields (spec, labels, annotations) that would change, `spec.host` style; empty for create. */
  readonly changedFields: readonly string[];
  /** The live object as YAML (server bookkeeping removed); null when it does not exist or was not read. */
  readonly liveYaml: string | null;
  /**
   * The object the API server would store (the dry run's answer) as YAML; for a conflict, what a forced
   * apply would store (with `changedFields` to match); null when the dry run failed otherwise.
   */
  readonly wouldBeYaml: string | null;
  /** Set when outcome is `failed`. */
  readonly failure: ApplyFailure | null;
}

/** What a real apply did in one cluster. `not-attempted`: an earlier failure or a cancel stopped the run. */
export type ApplyOutcome = 'created' | 'changed' | 'unchanged' | 'failed' | 'not-attempted';

export interface ClusterApplyResult {
  readonly cluster: string;
  readonly outcome: ApplyOutcome;
  /** Authored fields that changed (empty for created and unchanged). */
  readonly changedFields: readonly string[];
  /** Set when outcome is `failed` or `not-attempted`. */
  readonly failure: ApplyFailure | null;
}

/** The document could not be applied anywhere (not YAML, no kind or name, several documents). */
export interface DocumentProblem {
  readonly message: string;
}

export interface ApplyPlan {
  /** The object the document declares; null when `problem` is set. */
  readonly resource: ResourceRef | null;
  readonly problem: string | null;
  /**
   * Set when the object is not an Istio or Gateway API kind: the kind the user must confirm before the
   * apply may name it in `allowedKinds` (`ConfigMap`, `MutatingWebhookConfiguration.admissionregistration.k8s.io`).
   */
  readonly kindToConfirm: string | null;
  /** One entry per requested cluster, in the requested order. */
  readonly clusters: readonly ClusterPlan[];
}

export interface ApplyReport {
  readonly resource: ResourceRef | null;
  readonly problem: string | null;
  /** One entry per requested cluster, in the requested order: nothing is left out silently. */
  readonly clusters: readonly ClusterApplyResult[];
}

/** Progress of a plan or apply run, for a progress notification. */
export interface ApplyProgress {
  readonly cluster: string;
  /** Zero-based position of the cluster in the run. */
  readonly index: number;
  readonly total: number;
  readonly phase: 'dry-run' | 'apply';
}
