/**
 * IST0145: Gateways with the same selector have servers on the same port with overlapping hosts. The
 * gateway pods build one listener per port, so the same host is claimed twice and only one Gateway's
 * server (and TLS settings) takes effect.
 *
 * As istioctl (gateway/conflictinggateway.go): the same port number, hosts matching as Istio host names
 * (wildcards either way, compared on the DNS name whatever the `namespace/` prefix), and the same
 * selector (equal label maps), or different selectors that both select one gateway pod (a selector that
 * adds labels to another's picks a subset of its pods, and those pods get both Gateways' servers). A
 * group analyzer: one group per port.
 */
import { type AnalysisContext, type GroupAnalyzer } from '../framework/analyzer';
import {
  type GatewayHost,
  type GatewayServer,
  gatewayServers,
  gatewaySelector,
  selectorKey,
} from '../model/gateway-servers';
import { hostsOverlap } from '../model/hosts';
import { type Labels, labelsMatch } from '../model/selectors';
import { KINDS } from '../../../../protocol/kinds';
import { type MeshResource, describe } from '../model/resource';

interface Claim {
  readonly gateway: MeshResource;
  readonly server: GatewayServer;
  readonly selector: Labels;
}

export const conflictingGateways: GroupAnalyzer = {
  type: 'group',
  name: 'conflicting-gateways',
  codes: ['IST0145'],
  kinds: [KINDS.Gateway],
  groupKeys(resource) {
    return [
      ...new Set(
        gatewayServers(resource).flatMap((server) =>
          server.port === undefined ? [] : [String(server.port)],
        ),
      ),
    ];
  },
  analyzeGroup(key, members, ctx) {
    if (members.length < 2) return;
    const port = Number(key);
    const claims: Claim[] = members.flatMap((gateway) =>
      gatewayServers(gateway)
        .filter((server) => server.port === port)
        .map((server) => ({ gateway, server, selector: gatewaySelector(gateway) })),
    );
    // Selectors are few (most Gateways select the ingress gateway): pair the distinct ones once.
    const bySelector = new Map<string, Claim[]>();
    for (const claim of claims) {
      const key = selectorKey(claim.selector);
      bySelector.set(key, [...(bySelector.get(key) ?? []), claim]);
    }
    const reaching = new Map<string, Claim[]>();
    const claimsSharingPodsWith = (selector: Labels): Claim[] => {
      const key = selectorKey(selector);
      let found = reaching.get(key);
      if (!found) {
        found = [...bySelector].flatMap(([otherKey, others]) =>
          otherKey === key || selectSamePod(selector, others[0]!.selector, ctx) ? others : [],
        );
        reaching.set(key, found);
      }
      return found;
    };
    for (const claim of claims) {
      const conflicts = claimsSharingPodsWith(claim.selector).flatMap((other) => {
        if (other.gateway === claim.gateway) return [];
        const host = claim.server.hosts.find((mine) =>
          other.server.hosts.some((theirs) => overlap(mine, theirs)),
        );
        return host ? [{ other, host }] : [];
      });
      if (conflicts.length === 0) continue;
      const first = conflicts[0]!.host;
      const selectors = [
        ...new Set(
          [claim, ...conflicts.map((c) => c.other)].map((c) => selectorKey(c.selector) || '(empty selector)'),
        ),
      ];
      const selector =
        selectors.length === 1
          ? `same workload selector ${selectors[0]}`
          : `workload selectors ${selectors.join(' and ')} that select the same gateway pods`;
      const names = [...new Set(conflicts.map((conflict) => describe(conflict.other.gateway)))];
      ctx.report({
        code: 'IST0145',
        resource: claim.gateway,
        path: first.path,
        message: `${describe(claim.gateway)} conflicts with ${names.join(', ')}: ${selector}, port ${port}, overlapping hosts (${first.raw}). The gateway pods build one listener for the port out of both, so for the hosts they share only one server's settings (TLS, routes) apply: merge the servers into one Gateway, or use distinct hosts or ports.`,
        related: conflicts.map(({ other }) => ({
          resource: other.gateway,
          path: [...other.server.path, 'hosts'],
          message: `hosts of ${describe(other.gateway)} on port ${port}`,
        })),
        data: {
          selectors,
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

/** Some gateway pod (or WorkloadEntry) carries the labels of both selectors. */
function selectSamePod(a: Labels, b: Labels, ctx: AnalysisContext): boolean {
  return ctx.mesh
    .workloads({ ...a, ...b }, null)
    .some((workload) => labelsMatch(a, workload.labels) && labelsMatch(b, workload.labels));
}

function overlap(a: GatewayHost, b: GatewayHost): boolean {
  return hostsOverlap(a.dnsName, b.dnsName);
}
