/**
 * MESH305 and MESH306: what a remote secret's kubeconfig says about reaching its cluster, from the summary
 * discovery keeps (or the file's data): its server URL, which should be the API server the kubeconfig in
 * use gives for that cluster (MESH305; a private endpoint reachable from the primary only can differ and
 * be right), and its token's `exp` claim (MESH306: expired, or within 7 days). The token is never read
 * here; only its claims are.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { remoteSecretSummaryOf } from '../../mesh/remote-secret-summary';
import { TOKEN_WARNING_DAYS, describeDays, expiryOf, sameServer } from '../../mesh/trust-assessment';
import { REMOTE_SECRET_LABEL, clusterNamed, clusterWithId, remoteSecretKeys } from '../model/mesh-identities';
import { asRecord } from '../../mesh/object-fields';
import { describe, labelsOf } from '../model/resource';

export const remoteSecretAccess: ResourceAnalyzer = {
  type: 'resource',
  name: 'remote-secret-access',
  codes: ['MESH305', 'MESH306'],
  kinds: [KINDS.Secret],
  analyze(resource, ctx) {
    if (labelsOf(resource)[REMOTE_SECRET_LABEL] !== 'true') return;
    const dataField = asRecord((resource.object as { data?: unknown }).data) ?? {};
    for (const key of remoteSecretKeys(resource.object)) {
      const access = remoteSecretSummaryOf(resource.object, key);
      if (!access) continue;
      const path = [key in dataField ? 'data' : 'stringData', key];

      const clusters = ctx.mesh.clusters();
      const target = clusterWithId(clusters, key) ?? clusterNamed(clusters, key);
      const known = target?.facts.apiServer;
      if (target && known && access.server && !sameServer(access.server, known)) {
        ctx.report({
          code: 'MESH305',
          resource,
          path,
          target: 'key',
          message: `${describe(resource)} reaches cluster ${target.name} at ${access.server}, but the kubeconfig gives ${known} for it: if the API server moved, istiod keeps reading the old address and stops discovering ${target.name}'s endpoints. A private endpoint reachable from the primary can be right: confirm with meshwright check --verify-remote-secrets, or recreate the secret (istioctl create-remote-secret --context=${target.name} --name=${target.facts.id} --server=<URL the primary reaches>).`,
          data: { cluster: target.name, secretServer: access.server, kubeconfigServer: known },
        });
      }

      const expires = access.token?.expires;
      const expiry = expires ? expiryOf(expires, TOKEN_WARNING_DAYS) : null;
      if (expiry && expiry.state !== 'valid') {
        const expired = expiry.state === 'expired';
        const subject = access.token?.subject ? ` of ${access.token.subject}` : '';
        ctx.report({
          code: 'MESH306',
          ...(expired ? {} : { severity: 'warning' as const }),
          resource,
          path,
          target: 'key',
          message: `${describe(resource)}: the token${subject} for cluster ${key} ${expired ? 'expired' : 'expires'} ${describeDays(expiry)} (${expiry.at}); ${expired ? 'istiod is refused (401) and no longer discovers' : 'then istiod is refused (401) and stops discovering'} that cluster's endpoints. Recreate the secret with a longer-lived token: istioctl create-remote-secret --context=<${key}'s context> --name=${key} | kubectl apply -f - (in the primary).`,
          data: { cluster: key, expires: expiry.at, expired },
        });
      }
    }
  },
};
