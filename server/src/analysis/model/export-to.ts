/**
 * `exportTo` visibility: which namespaces see a Service, ServiceEntry, VirtualService or DestinationRule.
 * Values: `*` (every namespace), `.` (the object's own namespace), `~` (none), or a namespace name.
 * An empty list falls back to the mesh config default for the kind (`defaultServiceExportTo`,
 * `defaultVirtualServiceExportTo`, `defaultDestinationRuleExportTo`), itself `*` when unset.
 * Kubernetes Services say it with the annotation `networking.istio.io/exportTo: "ns1,ns2"`.
 */
import { KINDS } from '../../../../protocol/kinds';
import { type MeshConfigView } from './mesh-config';
import { asStringArray } from '../../mesh/object-fields';
import { type MeshResource, annotationsOf, specOf } from './resource';

export const EXPORT_TO_ANNOTATION = 'networking.istio.io/exportTo';

export function exportToOf(resource: MeshResource, meshConfig: MeshConfigView): readonly string[] {
  const own = declaredExportTo(resource);
  if (own.length > 0) return own;
  switch (resource.groupKind) {
    case KINDS.Service:
    case KINDS.ServiceEntry:
      return meshConfig.defaultServiceExportTo;
    case KINDS.VirtualService:
      return meshConfig.defaultVirtualServiceExportTo;
    case KINDS.DestinationRule:
      return meshConfig.defaultDestinationRuleExportTo;
    default:
      return ['*'];
  }
}

function declaredExportTo(resource: MeshResource): readonly string[] {
  if (resource.groupKind === KINDS.Service) {
    const annotation = annotationsOf(resource)[EXPORT_TO_ANNOTATION];
    return annotation
      ? annotation
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [];
  }
  return asStringArray(specOf(resource).exportTo);
}

export function isVisibleFrom(
  resource: MeshResource,
  fromNamespace: string,
  meshConfig: MeshConfigView,
): boolean {
  // Pilot always keeps a DestinationRule in its own namespace, whatever its exportTo says.
  if (resource.groupKind === KINDS.DestinationRule && resource.namespace === fromNamespace) return true;
  return exportToAllows(exportToOf(resource, meshConfig), resource.namespace, fromNamespace);
}

export function exportToAllows(
  exportTo: readonly string[],
  ownNamespace: string,
  fromNamespace: string,
): boolean {
  for (const entry of exportTo) {
    if (entry === '*') return true;
    if (entry === '.' && ownNamespace === fromNamespace) return true;
    if (entry === fromNamespace) return true;
  }
  return false;
}

/** True when two objects' visibility has at least one namespace in common (both can apply there). */
export function exportsOverlap(
  a: { exportTo: readonly string[]; namespace: string },
  b: { exportTo: readonly string[]; namespace: string },
): boolean {
  const concrete = (exportTo: readonly string[], namespace: string): Set<string> | 'all' => {
    if (exportTo.includes('*')) return 'all';
    return new Set(exportTo.filter((e) => e !== '~').map((e) => (e === '.' ? namespace : e)));
  };
  const left = concrete(a.exportTo, a.namespace);
  const right = concrete(b.exportTo, b.namespace);
  if (left === 'all') return right === 'all' || right.size > 0;
  if (right === 'all') return left.size > 0;
  for (const namespace of left) if (right.has(namespace)) return true;
  return false;
}
