/**
 * IST0101: a Gateway server's `tls.credentialName` names a Secret that does not exist where the gateway
 * reads it: the namespace of the gateway pods the Gateway selects (the Gateway's own namespace when the
 * pods are in several namespaces or none is known).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString, asStringArray, asStringMap } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';

const KUBERNETES_PREFIX = 'kubernetes://';

export const gatewayCredentials: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-credentials',
  codes: ['IST0101'],
  kinds: [KINDS.Gateway],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const selector = asStringMap(specOf(resource).selector);
    const podNamespaces = new Set(ctx.mesh.workloads(selector, null).map((workload) => workload.namespace));
    const namespace = podNamespaces.size === 1 ? [...podNamespaces][0]! : resource.namespace;
    asArray(specOf(resource).servers).forEach((server, i) => {
      const tls = asRecord(asRecord(server)?.tls);
      if (!tls) return;
      const names: { name: string; path: (string | number)[] }[] = [];
      const single = asString(tls.credentialName);
      if (single) names.push({ name: single, path: ['spec', 'servers', i, 'tls', 'credentialName'] });
      asStringArray(tls.credentialNames).forEach((name, k) =>
        names.push({ name, path: ['spec', 'servers', i, 'tls', 'credentialNames', k] }),
      );
      for (const { name: raw, path } of names) {
        // Other SDS providers (`sds://...`) are not Kubernetes Secrets.
        if (raw.includes('://') && !raw.startsWith(KUBERNETES_PREFIX)) continue;
        const name = raw.startsWith(KUBERNETES_PREFIX) ? raw.slice(KUBERNETES_PREFIX.length) : raw;
        if (ctx.mesh.find(KINDS.Secret, namespace, name).length > 0) continue;
        ctx.report({
          code: 'IST0101',
          resource,
          path,
          message: `${describe(resource)} serves TLS with credentialName ${name}, but no Secret ${name} exists in namespace ${namespace}, where its gateway pods read it; create it (kubectl create -n ${namespace} secret tls ${name} --cert=... --key=...) or fix the name.`,
          data: { secret: { namespace, name } },
        });
      }
    });
  },
};
