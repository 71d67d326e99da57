/**
 * IST0176: a Gateway API CRD whose bundle version (`gateway.networking.k8s.io/bundle-version`) is below
 * what this Istio release needs for that kind. istiod's CRD watcher then ignores the kind silently: its
 * routes never attach (a TLS passthrough Gateway with `attachedRoutes: 0`). The minimums are Istio 1.31's
 * (`pkg/config/schema/gatewayapi`); versions compare without their prerelease part, as istioctl.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { asRecord, asString } from '../../mesh/object-fields';

export const CUSTOM_RESOURCE_DEFINITION = 'CustomResourceDefinition.apiextensions.k8s.io';
const BUNDLE_VERSION = 'gateway.networking.k8s.io/bundle-version';

const MINIMUM_VERSIONS: ReadonlyMap<string, readonly [number, number, number]> = new Map([
  ['grpcroutes.gateway.networking.k8s.io', [1, 1, 0]],
  ['backendtlspolicies.gateway.networking.k8s.io', [1, 4, 0]],
  ['tlsroutes.gateway.networking.k8s.io', [1, 5, 0]],
  ['tcproutes.gateway.networking.k8s.io', [1, 6, 0]],
]);

export const gatewayApiCrdVersion: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-api-crd-version',
  codes: ['IST0176'],
  kinds: [CUSTOM_RESOURCE_DEFINITION],
  analyze(resource, ctx) {
    const minimum = MINIMUM_VERSIONS.get(resource.name);
    if (!minimum) return;
    const annotations = asRecord(asRecord(resource.object.metadata)?.annotations);
    const installed = parseVersion(asString(annotations?.[BUNDLE_VERSION]));
    if (!installed || compare(installed.release, minimum) >= 0) return;
    const wanted = minimum.join('.');
    ctx.report({
      code: 'IST0176',
      resource,
      path: ['metadata', 'annotations', BUNDLE_VERSION],
      message: `Gateway API CRD "${resource.name}" is at version "${installed.text}" but Istio requires at least "${wanted}"; resources of this kind will not be processed. Upgrade the Gateway API CRDs to ${wanted} or later (kubectl apply the standard or experimental install of that release).`,
    });
  },
};

/** A semantic version as istioctl's parser takes it: `v` optional, minor and patch optional. */
function parseVersion(
  value: string | undefined,
): { release: readonly [number, number, number]; text: string } | undefined {
  const match = value
    ? /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(value)
    : null;
  if (!match) return undefined;
  const release = [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)] as const;
  return { release, text: `${release.join('.')}${match[4] ? `-${match[4]}` : ''}` };
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}
