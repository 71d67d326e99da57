/**
 * IST0145: Gateways with the same selector have servers on the same port with overlapping hosts. The
 * gateway pods build one listener per port, so the same host is claimed twice and only one Gateway's
 * server (and TLS settings) takes effect.
 *
 * As istioctl (gateway/conflictinggateway.go): same selector (equal label maps), same port number, hosts
 * matching as Istio host names (wildcards either way), compared on the DNS name whatever the
 * `namespace/` prefix. A group analyzer: one group per selector and port.
 */
import { type GroupAnalyzer } from '../framework/analyzer';
import {
  type GatewayHost,
  type GatewayServer,
  gatewayServers,
  gatewaySelector,
  selectorKey,
} from '../model/gateway-servers';
import { hostsOverlap } from '../model/hosts';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';

interface Claim {
  readonly gateway: MeshResource;
  readonly server: GatewayServer;
}

export const conflictingGateways: GroupAnalyzer = {
  type: 'group',
  name: 'conflicting-gateways',
  codes: ['IST0145'],
  kinds: [KINDS.Gateway],
  groupKeys(resource) {
    const selector = selectorKey(gatewaySelector(resource));
    return [
      ...new Set(
        gatewayServers(resource).flatMap((server) =>
          server.port === undefined ? [] : [`${selector}|${server.port}`],
        ),
      ),
    ];
  },
  analyzeGroup(key, members, ctx) {
    if (members.length < 2) return;
    const separator = key.lastIndexOf('|');
    const selector = key.slice(0, separator) || '(empty selector)';
    const port = Number(key.slice(separator + 1));
    const claims: Claim[] = members.flatMap((gateway) =>
      gatewayServers(gateway)
        .filter((server) => server.port === port)
        .map((server) => ({ gateway, server })),
    );
    for (const claim of claims) {
      const conflicts = claims.flatMap((other) => {
        if (other.gateway === claim.gateway) return [];
        const host = claim.server.hosts.find((mine) =>
          other.server.hosts.some((theirs) => overlap(mine, theirs)),
        );
        return host ? [{ other, host }] : [];
      });
      if (conflicts.length === 0) continue;
      const first = conflicts[0]!.host;
      const names = [...new Set(conflicts.map((conflict) => describe(conflict.other.gateway)))];
      ctx.report({
        code: 'IST0145',
        resource: claim.gateway,
        path: first.path,
        message: `${describe(claim.gateway)} conflicts with ${names.join(', ')}: same workload selector ${selector}, port ${port}, overlapping hosts (${first.raw}). The gateway pods build one listener for the port out of both, so for the hosts they share only one server's settings (TLS, routes) apply: merge the servers into one Gateway, or use distinct hosts or ports.`,
        related: conflicts.map(({ other }) => ({
          resource: other.gateway,
          path: [...other.server.path, 'hosts'],
          message: `hosts of ${describe(other.gateway)} on port ${port}`,
        })),
        data: {
          selector,
          port,
          gateways: conflicts.map(({ other }) => ({
            namespace: other.gateway.namespace,
            name: other.gateway.name,
          })),
        },
      });
    }
  },
};

function overlap(a: GatewayHost, b: GatewayHost): boolean {
  return hostsOverlap(a.dnsName, b.dnsName);
}
