/**
 * IST0149: a VirtualService bound to a Gateway routes on JWT claims (`@request.auth.claims.*` header
 * matches) while no RequestAuthentication applies to the gateway pods. Claims exist only once a
 * RequestAuthentication has validated the token, so the match never succeeds.
 *
 * As istioctl (virtualservice/jwtclaimroute.go): for each gateway pod the Gateway selects, a
 * RequestAuthentication of the pod's namespace or of the root namespace must select it (no selector:
 * every pod). Reported once per Gateway on the first claim match, naming the pods without one. Needs the
 * gateway pods ("K").
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { gatewaySelector } from '../model/gateway-servers';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asStringArray, asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, labelsOf, qualifiedName, specOf } from '../model/resource';
import { formatLabels, labelsMatch } from '../model/selectors';
import { MESH_GATEWAY } from '../model/virtual-service-routes';

const CLAIM_PREFIX = '@request.auth.claims';
/** How many pod names a message lists before "and N more". */
const LISTED_PODS = 3;

export const jwtClaimRouting: ResourceAnalyzer = {
  type: 'resource',
  name: 'jwt-claim-routing',
  codes: ['IST0149'],
  kinds: [KINDS.VirtualService],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const claim = firstClaimMatch(resource);
    if (!claim) return;
    const rootNamespace = ctx.mesh.meshConfig.rootNamespace;
    const policies = ctx.mesh.ofKind(KINDS.RequestAuthentication);
    for (const reference of asStringArray(specOf(resource).gateways)) {
      if (reference === MESH_GATEWAY) continue;
      const gateway = ctx.mesh.gateway(reference, resource.namespace).found[0];
      if (!gateway) continue;
      const selector = gatewaySelector(gateway);
      const pods = ctx.mesh
        .workloads(selector, null)
        .filter((workload) => workload.resource.groupKind === KINDS.Pod);
      const unauthenticated = pods.filter(
        (pod) =>
          !policies.some(
            (policy) =>
              (policy.namespace === pod.namespace || policy.namespace === rootNamespace) &&
              selectsPod(policy, pod.resource),
          ),
      );
      if (unauthenticated.length === 0) continue;
      const names = unauthenticated.slice(0, LISTED_PODS).map((pod) => podName(pod.resource));
      const more =
        unauthenticated.length > LISTED_PODS ? ` and ${unauthenticated.length - LISTED_PODS} more` : '';
      const namespace = unauthenticated[0]!.namespace;
      ctx.report({
        code: 'IST0149',
        resource,
        path: claim.path,
        target: 'key',
        message: `${describe(resource)} routes on the JWT claim ${claim.key} through ${describe(gateway)}, but no RequestAuthentication selects its gateway pod${unauthenticated.length === 1 ? '' : 's'} ${names.join(', ')}${more}: claims are only available after a RequestAuthentication validates the token, so this match never succeeds. Add a RequestAuthentication in namespace ${namespace}${namespace === rootNamespace ? ' (the root namespace)' : ` (or the root namespace ${rootNamespace})`} whose selector matches ${formatLabels(selector)}.`,
        related: [
          { resource: gateway, path: ['spec', 'selector'], message: `selector of ${describe(gateway)}` },
        ],
        data: { claim: claim.key, pods: unauthenticated.map((pod) => qualifiedName(pod.resource)) },
      });
    }
  },
};

/** The pod's name; the offline default ingress gateway is an assumption, so say so. */
function podName(pod: MeshResource): string {
  return pod.origin === 'builtin'
    ? `${qualifiedName(pod)} (the default ingress gateway assumed offline)`
    : qualifiedName(pod);
}

/** The first `headers` / `withoutHeaders` key of an HTTP match that reads a JWT claim. */
function firstClaimMatch(resource: MeshResource): { key: string; path: FieldPath } | undefined {
  const http = asArray(specOf(resource).http);
  for (const [i, route] of http.entries()) {
    for (const [j, match] of asArray(asRecord(route)?.match).entries()) {
      for (const field of ['headers', 'withoutHeaders'] as const) {
        const headers = asRecord(asRecord(match)?.[field]);
        const key = Object.keys(headers ?? {}).find((name) => name.startsWith(CLAIM_PREFIX));
        if (key) return { key, path: ['spec', 'http', i, 'match', j, field, key] };
      }
    }
  }
  return undefined;
}

/** A RequestAuthentication without selector applies to every pod of its scope; one with targetRefs to none. */
function selectsPod(policy: MeshResource, pod: MeshResource): boolean {
  const spec = specOf(policy);
  const selector = asRecord(spec.selector);
  if (!selector && (spec.targetRef !== undefined || spec.targetRefs !== undefined)) return false;
  return labelsMatch(asStringMap(selector?.matchLabels), labelsOf(pod));
}
