/**
 * Which workloads a Telemetry applies to. `selector.matchLabels` picks pods of its own namespace; without
 * labels (and without `targetRef(s)`, which attach it to a Gateway API object instead) it is the
 * namespace's default, and in the root namespace the mesh's default.
 */
import { asArray, asRecord, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';
import { type Labels } from './selectors';

/** `selector.matchLabels`; empty when none. */
export function telemetrySelector(telemetry: MeshResource): Labels {
  return asStringMap(asRecord(specOf(telemetry).selector)?.matchLabels);
}

export function hasTargetRefs(telemetry: MeshResource): boolean {
  const spec = specOf(telemetry);
  return asRecord(spec.targetRef) !== undefined || asArray(spec.targetRefs).length > 0;
}

/** Applies to every workload of its namespace (pilot treats empty matchLabels like no selector). */
export function isNamespaceWideTelemetry(telemetry: MeshResource): boolean {
  return Object.keys(telemetrySelector(telemetry)).length === 0 && !hasTargetRefs(telemetry);
}
