/**
 * IST0138: several Gateways on the same gateway pods serve the same certificate. Browsers reuse an HTTP/2
 * connection for every host the certificate covers, so requests for one Gateway's host arrive on the
 * other Gateway's server and get 404s.
 *
 * As istioctl (gateway/certificate.go): the certificate is the same `credentialName`, or the same
 * `serverCertificate` file when neither uses a credentialName; the other Gateway's selector must include
 * this one's (it configures at least these pods). A group analyzer: one group per certificate, so editing
 * one Gateway re-checks the Gateways that share its certificate.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { gatewayServers, gatewaySelector } from '../model/gateway-servers';
import { KINDS } from '../../../../protocol/kinds';
import { asString } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';
import { labelsMatch } from '../model/selectors';

const KUBERNETES_PREFIX = 'kubernetes://';

interface CertificateUse {
  readonly key: string;
  /** How messages name it: `credentialName bookinfo-credential`. */
  readonly text: string;
  readonly path: FieldPath;
}

export const gatewayDuplicateCertificate: GroupAnalyzer = {
  type: 'group',
  name: 'gateway-duplicate-certificate',
  codes: ['IST0138'],
  kinds: [KINDS.Gateway],
  groupKeys(resource) {
    return [...new Set(certificatesOf(resource).map((use) => use.key))];
  },
  analyzeGroup(key, members, ctx) {
    if (members.length < 2) return;
    for (const member of members) {
      const selector = gatewaySelector(member);
      // istioctl's test: this Gateway's selector is a subset of the other's.
      const others = members.filter(
        (other) => other !== member && labelsMatch(selector, gatewaySelector(other)),
      );
      if (others.length === 0) continue;
      const use = certificatesOf(member).find((candidate) => candidate.key === key)!;
      ctx.report({
        code: 'IST0138',
        resource: member,
        path: use.path,
        message: `${describe(member)} serves the same certificate (${use.text}) as ${others.map(describe).join(', ')} on the same gateway pods. Clients reuse an HTTP/2 connection for every host of a certificate, so requests for one Gateway's hosts can reach the other's server and get 404s: serve these hosts from one Gateway, or give each Gateway its own certificate.`,
        related: others.map((other) => ({
          resource: other,
          path: certificatesOf(other).find((candidate) => candidate.key === key)!.path,
          message: `${describe(other)} uses the same certificate`,
        })),
        data: { certificate: use.text, gateways: others.map((other) => describeRef(other)) },
      });
    }
  },
};

/** The certificates a Gateway's servers present, the first use of each. */
function certificatesOf(gateway: MeshResource): CertificateUse[] {
  const uses = new Map<string, CertificateUse>();
  for (const server of gatewayServers(gateway)) {
    const tls = server.tls;
    if (!tls) continue;
    const credential = asString(tls.credentialName);
    const certificate = asString(tls.serverCertificate);
    let use: CertificateUse | undefined;
    if (credential) {
      const name = credential.startsWith(KUBERNETES_PREFIX)
        ? credential.slice(KUBERNETES_PREFIX.length)
        : credential;
      use = {
        key: `credential:${name}`,
        text: `credentialName ${name}`,
        path: [...server.path, 'tls', 'credentialName'],
      };
    } else if (certificate) {
      use = {
        key: `file:${certificate}`,
        text: `serverCertificate ${certificate}`,
        path: [...server.path, 'tls', 'serverCertificate'],
      };
    }
    if (use && !uses.has(use.key)) uses.set(use.key, use);
  }
  return [...uses.values()];
}

function describeRef(gateway: MeshResource): { namespace: string; name: string; cluster: string | null } {
  return { namespace: gateway.namespace, name: gateway.name, cluster: gateway.cluster };
}
