/**
 * IST0128 / IST0129: a DestinationRule originates TLS (mode SIMPLE or MUTUAL) without `caCertificates`,
 * at destination level (IST0128: the traffic policy, or a subset's) or at port level (IST0129: a
 * `portLevelSettings` entry), so the server's certificate is not checked against a CA of the user's
 * choosing. Silent when the certificates come from `credentialName` with a `workloadSelector` (the
 * catalogue's exception), or when `insecureSkipVerify: true` states the choice explicitly.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe, specOf } from '../model/resource';

const ORIGINATING_MODES = new Set(['SIMPLE', 'MUTUAL']);

export const destinationRuleCaCertificates: ResourceAnalyzer = {
  type: 'resource',
  name: 'destinationrule-ca-certificates',
  codes: ['IST0128', 'IST0129'],
  kinds: [KINDS.DestinationRule],
  analyze(resource, ctx) {
    const spec = specOf(resource);
    const host = asString(spec.host) ?? '';
    const hasSelector = asRecord(spec.workloadSelector) !== undefined;
    const check = (policy: unknown, policyPath: FieldPath, where: string): void => {
      const tls = asRecord(asRecord(policy)?.tls);
      const mode = asString(tls?.mode);
      if (!tls || !mode || !ORIGINATING_MODES.has(mode) || verifiesServer(tls, hasSelector)) return;
      const portLevel = policyPath[policyPath.length - 2] === 'portLevelSettings';
      ctx.report({
        code: portLevel ? 'IST0129' : 'IST0128',
        resource,
        path: [...policyPath, 'tls', 'mode'],
        message: message(resource, mode, host, where),
        data: { mode, host },
      });
    };
    const visit = (policy: unknown, path: FieldPath, where: string): void => {
      check(policy, path, where);
      asArray(asRecord(policy)?.portLevelSettings).forEach((setting, i) => {
        const port = asNumber(asRecord(asRecord(setting)?.port)?.number);
        check(setting, [...path, 'portLevelSettings', i], `${where} port ${port ?? `#${i}`}`);
      });
    };
    visit(spec.trafficPolicy, ['spec', 'trafficPolicy'], '');
    asArray(spec.subsets).forEach((subset, i) => {
      const name = asString(asRecord(subset)?.name) ?? `#${i}`;
      visit(asRecord(subset)?.trafficPolicy, ['spec', 'subsets', i, 'trafficPolicy'], ` subset ${name}`);
    });
  },
};

function verifiesServer(tls: Readonly<Record<string, unknown>>, hasSelector: boolean): boolean {
  if (asString(tls.caCertificates)) return true;
  if (asString(tls.credentialName) && hasSelector) return true;
  return tls.insecureSkipVerify === true;
}

function message(resource: MeshResource, mode: string, host: string, where: string): string {
  return `${describe(resource)} originates TLS (mode ${mode}) to ${host}${where} without caCertificates, so the server's certificate is not verified against a CA you chose (at best against the proxy's OS trust store, when istiod's VERIFY_CERTIFICATE_AT_CLIENT is on). Set caCertificates, or credentialName with a workloadSelector; set insecureSkipVerify: true if skipping verification is intended.`;
}
