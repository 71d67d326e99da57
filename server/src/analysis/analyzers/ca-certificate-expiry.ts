/**
 * MESH302: a root istiod publishes (`istio-ca-root-cert`), or the plugged-in CA's certificate (`ca-cert.pem`
 * of `cacerts`, known only from cluster files: live discovery never reads that Secret, it holds the CA's
 * key), expires within 30 days (warning) or has expired (error). When a root ends, workloads stop
 * trusting every certificate it signed; when the intermediate ends, istiod can sign no more.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { type CertificateFact } from '../../mesh/certificate-bundle';
import {
  CONTROL_PLANE_NAMESPACE,
  PLUGGED_IN_CA_SECRET,
  ROOT_CERT_CONFIGMAP,
  ROOT_CERT_KEY,
} from '../../mesh/derive-cluster-facts';
import { CERTIFICATE_WARNING_DAYS, describeDays, describeRoot, expiryOf } from '../../mesh/trust-assessment';
import { describe } from '../model/resource';

export const caCertificateExpiry: ResourceAnalyzer = {
  type: 'resource',
  name: 'ca-certificate-expiry',
  codes: ['MESH302'],
  kinds: [KINDS.ConfigMap, KINDS.Secret],
  analyze(resource, ctx) {
    if (resource.cluster === null || resource.namespace !== CONTROL_PLANE_NAMESPACE) return;
    const isRoots = resource.kind === 'ConfigMap' && resource.name === ROOT_CERT_CONFIGMAP;
    const isPluggedIn = resource.kind === 'Secret' && resource.name === PLUGGED_IN_CA_SECRET;
    if (!isRoots && !isPluggedIn) return;
    const trust = ctx.mesh.clusters().find((c) => c.name === resource.cluster)?.facts.trust;
    const certificates: readonly CertificateFact[] = isRoots
      ? (trust?.roots ?? [])
      : trust?.caCertificate
        ? [trust.caCertificate]
        : [];
    const what = isRoots ? 'root' : 'plugged-in CA certificate (ca-cert.pem)';
    for (const certificate of certificates) {
      const expiry = expiryOf(certificate.notAfter, CERTIFICATE_WARNING_DAYS);
      if (!expiry || expiry.state === 'valid') continue;
      const expired = expiry.state === 'expired';
      ctx.report({
        code: 'MESH302',
        ...(expired ? {} : { severity: 'warning' as const }),
        resource,
        path: ['data', isRoots ? ROOT_CERT_KEY : 'ca-cert.pem'],
        target: 'key',
        message: `${describe(resource)}: the ${what} ${describeRoot(certificate)} ${expired ? 'expired' : 'expires'} ${describeDays(expiry)} (${expiry.at}). ${
          isRoots
            ? 'Workloads stop trusting every certificate it signed: rotate to a new root (trust old and new together until every workload certificate is reissued).'
            : 'istiod can no longer sign workload certificates: plug in a new intermediate from the shared root (Secret cacerts) and restart istiod.'
        }`,
        data: { fingerprint: certificate.fingerprint, notAfter: certificate.notAfter, expired },
      });
    }
  },
};
