/**
 * Offline mode (`istioctl analyze --use-kube=false`) assumes the default ingress gateway is installed: a
 * Pod and a Service labelled `istio: ingressgateway` in istio-system with ports 80, 443, 31400 and 15443,
 * so that Gateways selecting it are not reported as selecting nothing. Files that define their own
 * ingress gateway (a Pod or Service with that label in istio-system) replace it.
 */
import { type KubeObject } from '../../mesh/snapshot';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from './mesh-config';
import { type MeshResource, labelsOf } from './resource';

export const DEFAULT_INGRESS_URI = 'meshwright:/builtin/default-ingress-gateway.yaml';
const INGRESS_LABELS = { istio: 'ingressgateway', app: 'istio-ingressgateway' };

export const DEFAULT_INGRESS_OBJECTS: readonly KubeObject[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'istio-ingressgateway-default', namespace: ISTIO_SYSTEM, labels: INGRESS_LABELS },
    spec: { containers: [{ name: 'istio-proxy', image: 'istio/proxyv2' }] },
  },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'istio-ingressgateway', namespace: ISTIO_SYSTEM, labels: INGRESS_LABELS },
    spec: {
      type: 'LoadBalancer',
      selector: { istio: 'ingressgateway' },
      ports: [
        { name: 'http2', port: 80, targetPort: 8080 },
        { name: 'https', port: 443, targetPort: 8443 },
        { name: 'tcp', port: 31400, targetPort: 31400 },
        { name: 'tls', port: 15443, targetPort: 15443 },
      ],
    },
  },
];

/** True for a user's object that stands for the ingress gateway, replacing the default one. */
export function definesIngressGateway(resource: MeshResource): boolean {
  return (
    resource.origin !== 'builtin' &&
    resource.namespace === ISTIO_SYSTEM &&
    (resource.groupKind === KINDS.Pod || resource.groupKind === KINDS.Service) &&
    labelsOf(resource).istio === INGRESS_LABELS.istio
  );
}
