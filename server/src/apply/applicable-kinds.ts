/**
 * Which kinds Meshwright applies on its own authority: Istio's (every `*.istio.io` API group) and the
 * Gateway API's. Anything else (a ConfigMap, a Secret, a webhook configuration, RBAC) reaches far beyond
 * the mesh's policy, so it is written only when the request names that kind among the ones the user
 * confirmed (the client asks in a modal dialog naming the kind). Kinds are named the way kubectl names
 * resources: `ConfigMap` for the core group, `MutatingWebhookConfiguration.admissionregistration.k8s.io`
 * otherwise, so a kind of one group never stands for a kind of the same name in another.
 */
import { type ResourceRef } from '../mesh/diagnostic';
import { failure } from './apply-failures';
import { type ApplyFailure } from '../../../protocol/apply';

const GATEWAY_API_GROUPS: ReadonlySet<string> = new Set([
  'gateway.networking.k8s.io',
  'gateway.networking.x-k8s.io',
]);

/** `ConfigMap` (core group), `MutatingWebhookConfiguration.admissionregistration.k8s.io`. */
export function qualifiedKindOf(resource: Pick<ResourceRef, 'apiVersion' | 'kind'>): string {
  const group = groupOf(resource.apiVersion);
  return group === '' ? resource.kind : `${resource.kind}.${group}`;
}

/** An Istio or Gateway API kind: applied without asking which kinds the user allows. */
export function isMeshKind(resource: Pick<ResourceRef, 'apiVersion'>): boolean {
  const group = groupOf(resource.apiVersion);
  return group === 'istio.io' || group.endsWith('.istio.io') || GATEWAY_API_GROUPS.has(group);
}

/** The kind to confirm before applying, or null for an Istio or Gateway API kind. */
export function kindNeedingConfirmation(resource: Pick<ResourceRef, 'apiVersion' | 'kind'>): string | null {
  return isMeshKind(resource) ? null : qualifiedKindOf(resource);
}

/** Why the object may not be applied with these confirmed kinds; null when it may. */
export function kindRefusal(resource: ResourceRef, allowedKinds: readonly string[]): ApplyFailure | null {
  const kind = kindNeedingConfirmation(resource);
  if (kind === null || allowedKinds.includes(kind)) return null;
  return failure(
    'kind-not-allowed',
    `${kind} is not an Istio or Gateway API kind: Meshwright applies it only when the request names it among the kinds you confirmed (allowedKinds: ["${kind}"]); nothing was written`,
  );
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}
