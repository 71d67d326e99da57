/**
 * IST0144: an application container of a Pod or Deployment runs as UID 1337, the UID of the sidecar
 * proxy, whose traffic the iptables rules exempt from redirection: that container's traffic bypasses the
 * proxy. The UID is the container's `securityContext.runAsUser`, else the pod's; the proxy itself is
 * exempt, and so are Istio's own components (as in istioctl).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { KINDS } from '../../../../protocol/kinds';
import { isIstioComponent } from '../model/mesh-membership';
import { asNumber, asRecord } from '../../mesh/object-fields';
import { PROXY_CONTAINER } from '../model/injector-proxy-image';
import { containersOf, podTemplateOf } from '../model/pod-templates';
import { describe } from '../model/resource';

const PROXY_UID = 1337;
/** istioctl also exempts the (retired) operator's container. */
const EXEMPT_CONTAINERS = new Set([PROXY_CONTAINER, 'istio-operator']);

export const applicationUid: ResourceAnalyzer = {
  type: 'resource',
  name: 'application-uid',
  codes: ['IST0144'],
  kinds: [KINDS.Pod, KINDS.Deployment],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (isIstioComponent(resource)) return;
    const pod = podTemplateOf(resource)!;
    const podUid = asNumber(asRecord(pod.spec.securityContext)?.runAsUser);
    const inheriting: string[] = [];
    const report = (path: FieldPath, what: string): void =>
      ctx.report({
        code: 'IST0144',
        resource,
        path,
        message: `${describe(resource)}: ${what}, the UID reserved for the Istio proxy; the sidecar's iptables rules let that UID's traffic bypass the proxy, so it escapes mTLS and policy. Run the application as another UID.`,
      });
    for (const { name, container, path } of containersOf(pod)) {
      if (EXEMPT_CONTAINERS.has(name)) continue;
      const own = asNumber(asRecord(container.securityContext)?.runAsUser);
      if (own === undefined) {
        if (podUid === PROXY_UID) inheriting.push(name);
      } else if (own === PROXY_UID) {
        report([...path, 'securityContext', 'runAsUser'], `container ${name} runs as UID ${PROXY_UID}`);
      }
    }
    if (inheriting.length > 0) {
      const names = inheriting.join(', ');
      report(
        [...pod.specPath, 'securityContext', 'runAsUser'],
        `its pod securityContext sets UID ${PROXY_UID} for container${inheriting.length === 1 ? '' : 's'} ${names}`,
      );
    }
  },
};
