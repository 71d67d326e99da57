/**
 * The mTLS mode a primary's PeerAuthentications give a workload, as istiod resolves it on the server
 * side: a workload-specific PeerAuthentication (its `selector` matches the workload's labels) over the
 * namespace-wide one (no selector) over the mesh-wide one (no selector, root namespace); a level whose mode
 * is unset or UNSET inherits the next one; without any, PERMISSIVE. Each primary decides with its own view
 * (model/primary-views.ts), which is what makes modes differ across primaries (MESH204).
 */
import { type MeshQueries } from '../framework/mesh-queries';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { copiesPerPrimary } from './primary-views';
import { type MeshResource, identityOf, specOf } from './resource';
import { type Labels, labelsMatch } from './selectors';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectiveMode {
  readonly mode: MtlsMode;
  /** The PeerAuthentication that decides; null for Istio's default (PERMISSIVE). */
  readonly source: MeshResource | null;
}

/** The PeerAuthentications each primary's view holds, by primary name. */
export function peerAuthenticationsPerPrimary(mesh: MeshQueries): Map<string, MeshResource[]> {
  const byIdentity = new Map<string, MeshResource[]>();
  for (const copy of mesh.copiesOfKind(KINDS.PeerAuthentication)) {
    const identity = identityOf(copy);
    byIdentity.set(identity, [...(byIdentity.get(identity) ?? []), copy]);
  }
  const result = new Map<string, MeshResource[]>(mesh.primaries().map((p) => [p.name, []]));
  for (const copies of byIdentity.values()) {
    for (const [primary, copy] of copiesPerPrimary(mesh, copies)) result.get(primary)?.push(copy);
  }
  return result;
}

/** A PeerAuthentication's own mode: undefined when unset or UNSET (it inherits). */
export function ownMode(policy: MeshResource): MtlsMode | undefined {
  const mode = asString(asRecord(specOf(policy).mtls)?.mode);
  return mode === 'STRICT' || mode === 'PERMISSIVE' || mode === 'DISABLE' ? mode : undefined;
}

export function hasSelector(policy: MeshResource): boolean {
  return Object.keys(asStringMap(asRecord(specOf(policy).selector)?.matchLabels)).length > 0;
}

/** The mode for a workload of `namespace` with `labels`, from one primary's PeerAuthentications. */
export function workloadMode(
  policies: readonly MeshResource[],
  namespace: string,
  labels: Labels,
  rootNamespace: string,
): EffectiveMode {
  const specific = policies.find(
    (policy) =>
      policy.namespace === namespace &&
      hasSelector(policy) &&
      ownMode(policy) !== undefined &&
      labelsMatch(asStringMap(asRecord(specOf(policy).selector)?.matchLabels), labels),
  );
  if (specific) return { mode: ownMode(specific)!, source: specific };
  return namespaceMode(policies, namespace, rootNamespace);
}

/** The mode of a namespace's workloads without a workload-specific PeerAuthentication. */
export function namespaceMode(
  policies: readonly MeshResource[],
  namespace: string,
  rootNamespace: string,
): EffectiveMode {
  for (const level of namespace === rootNamespace ? [rootNamespace] : [namespace, rootNamespace]) {
    const policy = policies.find((p) => p.namespace === level && !hasSelector(p) && ownMode(p) !== undefined);
    if (policy) return { mode: ownMode(policy)!, source: policy };
  }
  return { mode: 'PERMISSIVE', source: null };
}
