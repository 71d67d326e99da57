/**
 * IST0161: a Gateway's credential Secret exists where its gateway pods read it, but holds no usable
 * certificate: no `tls.crt`/`tls.key` (or `cert`/`key`), empty values, no PEM certificate, an unreadable
 * private key, a key that does not belong to the certificate, or a certificate outside its validity
 * dates. The gateway then cannot serve TLS on that server.
 *
 * Secrets from live clusters carry no data (discovery drops it); the verdict then comes from the
 * `meshwright.io/credential-summary` annotation discovery attaches (credential-summary.ts), and without
 * one the Secret is not judged. A missing Secret is IST0101 (gateway-credentials), not this.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type CredentialSummary, credentialSummaryOf } from '../../mesh/credential-summary';
import { credentialReferencesOf } from '../model/gateway-credential-references';
import { KINDS } from '../../../../protocol/kinds';
import { asStringMap } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';

export const gatewayCredentialValidity: ResourceAnalyzer = {
  type: 'resource',
  name: 'gateway-credential-validity',
  codes: ['IST0161'],
  kinds: [KINDS.Gateway],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const references = credentialReferencesOf(resource);
    if (references.length === 0) return;
    // Gateway pods read credentials from their own namespace (as gateway-credentials decides it).
    const selector = asStringMap(specOf(resource).selector);
    const podNamespaces = new Set(ctx.mesh.workloads(selector, null).map((workload) => workload.namespace));
    const namespace = podNamespaces.size === 1 ? [...podNamespaces][0]! : resource.namespace;
    // Validity dates are judged against the time of analysis.
    const now = new Date();
    for (const { name, path } of references) {
      const judged = ctx.mesh
        .find(KINDS.Secret, namespace, name)
        .map((secret) => ({ secret, summary: credentialSummaryOf(secret.object, carriesData(secret), now) }))
        .filter(
          (entry): entry is { secret: MeshResource; summary: CredentialSummary } => entry.summary !== null,
        );
      const invalid = judged.filter((entry) => entry.summary.certificate === 'invalid');
      if (invalid.length === 0) continue;
      const where = (secret: MeshResource): string => (secret.cluster ? ` in cluster ${secret.cluster}` : '');
      const problems = invalid.map(
        ({ secret, summary }) =>
          `Secret ${namespace}/${name}${where(secret)}: ${summary.reason ?? 'no valid certificate'}`,
      );
      ctx.report({
        code: 'IST0161',
        resource,
        path,
        message: `${describe(resource)} serves TLS with credentialName ${name}, but the Secret holds no valid certificate and key (${problems.join('; ')}), so the gateway cannot serve TLS on this server; replace the Secret's certificate and key (kubectl create -n ${namespace} secret tls ${name} --cert=... --key=... --dry-run=client -o yaml | kubectl apply -f -).`,
        related: invalid.map(({ secret }) => ({
          resource: secret,
          path: ['metadata', 'name'],
          message: `Secret ${namespace}/${name}${where(secret)}`,
        })),
        data: {
          secret: { namespace, name },
          clusters: invalid.map(({ secret }) => secret.cluster),
          reasons: invalid.map(({ summary }) => summary.reason ?? null),
        },
      });
    }
  },
};

/** Live Secrets lost their data at ingestion (their values are empty, not real): only files carry data. */
function carriesData(secret: MeshResource): boolean {
  return secret.origin !== 'live';
}
