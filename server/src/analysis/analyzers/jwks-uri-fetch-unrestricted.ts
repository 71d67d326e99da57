/**
 * IST0175: RequestAuthentications exist while istiod (a Deployment labelled `app: istiod`) runs without
 * `BLOCKED_CIDRS_IN_JWKS_URIS`. istiod fetches every `jwksUri` itself, so without that list of blocked
 * ranges a RequestAuthentication can make istiod call internal addresses (cloud metadata, the API
 * server). Reported on each such istiod, naming the RequestAuthentications (the first five), as istioctl.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { containersOf, podTemplateOf } from '../model/pod-templates';
import { describe, labelsOf, qualifiedName } from '../model/resource';

const BLOCKED_CIDRS = 'BLOCKED_CIDRS_IN_JWKS_URIS';
const NAMES_SHOWN = 5;

export const jwksUriFetchUnrestricted: ResourceAnalyzer = {
  type: 'resource',
  name: 'jwks-uri-fetch-unrestricted',
  codes: ['IST0175'],
  kinds: [KINDS.Deployment],
  analyze(resource, ctx) {
    if (labelsOf(resource).app !== 'istiod') return;
    const containers = containersOf(podTemplateOf(resource)!);
    const configured = containers.some(({ container }) =>
      asArray(container.env).some((item) => {
        const env = asRecord(item);
        return asString(env?.name) === BLOCKED_CIDRS && Boolean(asString(env?.value));
      }),
    );
    if (configured) return;
    const policies = ctx.mesh.ofKind(KINDS.RequestAuthentication);
    if (policies.length === 0) return;
    const names = policies.map(qualifiedName);
    const shown =
      names.length <= NAMES_SHOWN
        ? names.join(', ')
        : `${names.slice(0, NAMES_SHOWN).join(', ')}, and ${names.length - NAMES_SHOWN} more`;
    const discovery = containers.find(({ name }) => name === 'discovery') ?? containers[0];
    ctx.report({
      code: 'IST0175',
      resource,
      path: discovery ? [...discovery.path, 'name'] : ['metadata', 'name'],
      message: `${describe(resource)} does not set ${BLOCKED_CIDRS} but ${policies.length} RequestAuthentication resource(s) exist (${shown}): istiod fetches their JWKS URIs from any address. Set ${BLOCKED_CIDRS} on istiod (e.g. the cloud metadata range 169.254.0.0/16 and internal networks) to restrict JWKS URI fetches to trusted networks.`,
      related: policies.slice(0, NAMES_SHOWN).map((policy) => ({
        resource: policy,
        message: `RequestAuthentication ${qualifiedName(policy)}`,
      })),
    });
  },
};
