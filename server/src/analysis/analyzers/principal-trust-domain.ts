/**
 * MESH304: an AuthorizationPolicy principal (`<trust domain>/ns/<ns>/sa/<sa>`) naming a trust domain
 * that none of the clusters the policy takes effect in uses, and that none of them lists in
 * `trustDomainAliases`: no workload's identity carries it, so the rule never matches (an ALLOW lets
 * nobody in, a DENY stops nobody). Principals with a wildcard in the trust domain are not judged.
 *
 * Clusters whose own trust domains differ without aliases are MESH110 (mesh-identity-agreement).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { CONTROL_PLANE_NAMESPACE } from '../../mesh/derive-cluster-facts';
import { asArray, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { MESH_CONFIGMAP_NAME, settingsFromConfigMap } from '../model/mesh-config';
import { describe, specOf } from '../model/resource';

const PRINCIPAL_FIELDS = ['principals', 'notPrincipals'] as const;

export const principalTrustDomain: ResourceAnalyzer = {
  type: 'resource',
  name: 'principal-trust-domain',
  codes: ['MESH304'],
  kinds: [KINDS.AuthorizationPolicy],
  analyze(resource, ctx) {
    const targets = new Set(ctx.mesh.targetsOf(resource).primaries);
    const clusters = ctx.mesh.clusters().filter((c) => targets.has(c.name) && c.facts.trustDomain !== null);
    if (clusters.length === 0) return;
    const accepted = new Map<string, string>();
    for (const cluster of clusters) {
      accepted.set(cluster.facts.trustDomain!, `the trust domain of cluster ${cluster.name}`);
      const meshConfig = ctx.mesh
        .copies(KINDS.ConfigMap, CONTROL_PLANE_NAMESPACE, MESH_CONFIGMAP_NAME)
        .find((copy) => copy.cluster === cluster.name);
      const parsed = meshConfig ? settingsFromConfigMap(meshConfig.object) : null;
      const aliases = parsed?.ok ? asStringArray(asRecord(parsed.mesh)?.trustDomainAliases) : [];
      for (const alias of aliases)
        if (!accepted.has(alias)) accepted.set(alias, `an alias in cluster ${cluster.name}`);
    }
    const known = [...accepted.keys()];

    asArray(specOf(resource).rules).forEach((rule, ruleIndex) => {
      asArray(asRecord(rule)?.from).forEach((from, fromIndex) => {
        const source = asRecord(asRecord(from)?.source);
        for (const field of PRINCIPAL_FIELDS) {
          asArray(source?.[field]).forEach((value, index) => {
            const principal = asString(value);
            const trustDomain = principal ? trustDomainOf(principal) : null;
            if (!trustDomain || accepted.has(trustDomain)) return;
            ctx.report({
              code: 'MESH304',
              resource,
              path: ['spec', 'rules', ruleIndex, 'from', fromIndex, 'source', field, index],
              message: `${describe(resource)}: principal ${principal} names trust domain ${trustDomain}, which no cluster the policy applies in uses (${clusters.map((c) => `${c.name}: ${c.facts.trustDomain}`).join(', ')}) and no trustDomainAliases lists: no workload identity carries it, so this ${field === 'principals' ? 'rule never matches' : 'exclusion never applies'}. Write ${known[0]}/${principal!.slice(trustDomain.length + 1)}, or add ${trustDomain} to meshConfig.trustDomainAliases if workloads with that identity call in.`,
              data: { trustDomain, known },
            });
          });
        }
      });
    });
  },
};

/** The trust domain of `td/ns/<ns>/sa/<sa>`; null when it has a wildcard or is not in that form. */
function trustDomainOf(principal: string): string | null {
  const at = principal.indexOf('/ns/');
  if (at <= 0) return null;
  const trustDomain = principal.slice(0, at);
  return trustDomain.includes('*') ? null : trustDomain;
}
