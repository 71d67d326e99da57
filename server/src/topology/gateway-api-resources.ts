/**
 * The Gateway API kinds discovery lists and watches: those Istio reads for ingress, mesh routing,
 * waypoints and ambient east-west gateways. They are defined here rather than derived from
 * schemas/index.json (which lists Istio's own kinds), each at the newest version a Gateway API release
 * serves it, with the older versions earlier releases serve: a cluster is read at the first one it serves.
 * A cluster without the Gateway API CRDs serves none, and that is no error (the types are absent).
 */
import { asKind, slimObject } from './object-slimming';
import { type WatchedResource } from './watched-resources';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** Kind, plural, then the versions from newest: v1.6 serves v1 for all; v1.0 served v1alpha2/v1beta1. */
const KINDS: readonly (readonly [kind: string, plural: string, versions: readonly string[]])[] = [
  ['GatewayClass', 'gatewayclasses', ['v1', 'v1beta1']],
  ['Gateway', 'gateways', ['v1', 'v1beta1']],
  ['HTTPRoute', 'httproutes', ['v1', 'v1beta1']],
  ['GRPCRoute', 'grpcroutes', ['v1', 'v1alpha2']],
  ['TCPRoute', 'tcproutes', ['v1', 'v1alpha2']],
  ['TLSRoute', 'tlsroutes', ['v1', 'v1alpha3', 'v1alpha2']],
  ['ReferenceGrant', 'referencegrants', ['v1', 'v1beta1', 'v1alpha2']],
];

export const GATEWAY_API_RESOURCES: readonly WatchedResource[] = KINDS.map(([kind, plural, versions]) => ({
  id: `${plural}.${GATEWAY_API_GROUP}`,
  group: GATEWAY_API_GROUP,
  version: versions[0]!,
  olderVersions: versions.slice(1),
  plural,
  kind,
  provides: `Gateway API ${kind}s`,
  keep: slimObject,
}));

/**
 * The Gateway API CRDs, by metadata only: their `gateway.networking.k8s.io/bundle-version` annotation
 * says whether Istio processes their kinds (IST0176). One list of every CRD's metadata, of which only the
 * Gateway API's are kept: cheaper than a request per CRD name.
 */
export const GATEWAY_API_CRDS: WatchedResource = {
  id: `customresourcedefinitions.apiextensions.k8s.io (${GATEWAY_API_GROUP})`,
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  kind: 'CustomResourceDefinition',
  metadataOnly: true,
  provides: 'Gateway API CRD versions',
  keep: (object) => (object.metadata.name.endsWith(`.${GATEWAY_API_GROUP}`) ? keepCrdMetadata(object) : null),
};

const keepCrdMetadata = asKind('apiextensions.k8s.io/v1', 'CustomResourceDefinition');
