/**
 * IST0163 / IST0164: with an external control plane, Istio's webhooks call istiod through a `url`
 * (`clientConfig.url`) instead of an in-cluster Service. IST0163: the URL is blank (neither `url` nor
 * `service`) or invalid (unparsable, not https, no host, user info, query or fragment, all refused by
 * the API server). IST0164: the URL's host is an IP address instead of a host name.
 *
 * The webhooks checked are istioctl's: ValidatingWebhookConfigurations `istio-validator*` and
 * `istiod-default-validator`, MutatingWebhookConfigurations `istio-sidecar-injector*` and the revision
 * tags `istio-revision-tag-*` (istioctl: the `default` tag only). istioctl also resolves the host name in
 * DNS; the analysis does no I/O, so an unresolvable host is not reported.
 */
import { isIP } from 'node:net';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { webhooksOf } from '../model/injection-webhooks';
import { KINDS } from '../../../../protocol/kinds';
import { asString } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';

export const externalControlPlaneWebhooks: ResourceAnalyzer = {
  type: 'resource',
  name: 'external-control-plane-webhooks',
  codes: ['IST0163', 'IST0164'],
  kinds: [KINDS.MutatingWebhookConfiguration, KINDS.ValidatingWebhookConfiguration],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (!isIstioControlPlaneWebhookConfiguration(resource)) return;
    for (const webhook of webhooksOf(resource)) {
      const clientConfig = webhook.clientConfig ?? {};
      const url = asString(clientConfig.url);
      const urlPath = [...webhook.path, 'clientConfig', 'url'];
      const subject = `${describe(resource)}: webhook ${webhook.name}`;
      const howToFix = `set clientConfig.url to https://<host name of the external control plane's ingress gateway>:<port>/<path>`;
      if (url === undefined || url.trim() === '') {
        if (url === undefined && clientConfig.service !== undefined) continue; // an in-cluster istiod
        ctx.report({
          code: 'IST0163',
          resource,
          path: url === undefined ? [...webhook.path, 'clientConfig'] : urlPath,
          message: `${subject} has no address for the external control plane (clientConfig.url is blank), so the API server cannot call it; ${howToFix}.`,
          data: { webhook: webhook.name },
        });
        continue;
      }
      const problem = urlProblem(url);
      if (problem) {
        ctx.report({
          code: 'IST0163',
          resource,
          path: urlPath,
          message: `${subject} reaches the external control plane at "${url}", which ${problem}, so the API server cannot call it; ${howToFix}.`,
          data: { webhook: webhook.name, url },
        });
        continue;
      }
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (isIP(host) === 0) continue;
      ctx.report({
        code: 'IST0164',
        resource,
        path: urlPath,
        message: `${subject} reaches the external control plane at the IP address ${host}; use a host name instead (a DNS name of the external control plane's ingress gateway, matching its certificate), so the address survives gateway changes and TLS verification works.`,
        data: { webhook: webhook.name, url },
      });
    }
  },
};

function isIstioControlPlaneWebhookConfiguration(resource: MeshResource): boolean {
  if (resource.groupKind === KINDS.ValidatingWebhookConfiguration) {
    return resource.name.startsWith('istio-validator') || resource.name === 'istiod-default-validator';
  }
  return (
    resource.name.startsWith('istio-sidecar-injector') || resource.name.startsWith('istio-revision-tag-')
  );
}

/** Why the API server would refuse the webhook URL, or null when it is acceptable. */
function urlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a valid URL';
  }
  if (parsed.protocol !== 'https:')
    return `uses ${parsed.protocol.replace(/:$/, '')} (webhooks must use https)`;
  if (!parsed.hostname) return 'has no host';
  if (parsed.username || parsed.password) return 'contains user information';
  if (parsed.search) return 'contains a query (not allowed in webhook URLs)';
  if (parsed.hash) return 'contains a fragment (not allowed in webhook URLs)';
  return null;
}
