/**
 * MESH204 (server against server): the primaries give one namespace's workloads different mTLS modes,
 * STRICT in one and PERMISSIVE or DISABLE in another (namespace-wide and mesh-wide PeerAuthentications,
 * each primary with its own view). Under namespace sameness these are the same service's workloads:
 * - STRICT vs DISABLE: a DISABLE side takes only plaintext while callers elsewhere send mTLS (and its
 *   own callers' plaintext is refused by the STRICT side): cross-cluster calls fail both ways;
 * - STRICT vs PERMISSIVE: plaintext clients reach the workloads in one primary's clusters but are refused
 *   in the other's, and the PERMISSIVE side is less protected than the policy intends.
 * One group per namespace of a selector-less PeerAuthentication; reported on the PeerAuthentications that
 * set the differing modes (the namespace's own; the root namespace's group reports mesh-wide ones).
 */
import { joinNames } from '../../text/join-names';
import { type GroupAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import {
  type EffectiveMode,
  hasSelector,
  namespaceMode,
  peerAuthenticationsPerPrimary,
} from '../model/peer-authentication-modes';
import { describeCallers } from '../model/primary-views';
import { type MeshResource, describe, identityOf } from '../model/resource';
import { liveCopies, withActions } from '../targets/action-data';

export const peerAuthenticationModes: GroupAnalyzer = {
  type: 'group',
  name: 'peer-authentication-modes',
  codes: ['MESH204'],
  kinds: [KINDS.PeerAuthentication],
  scope: 'every-copy',
  groupKeys: (policy) => (hasSelector(policy) ? [] : [policy.namespace]),
  analyzeGroup(namespace, members, ctx) {
    const root = ctx.mesh.meshConfig.rootNamespace;
    const modes = new Map<string, EffectiveMode>();
    for (const [primary, policies] of peerAuthenticationsPerPrimary(ctx.mesh))
      modes.set(primary, namespaceMode(policies, namespace, root));
    const strict = [...modes].filter(([, m]) => m.mode === 'STRICT').map(([p]) => p);
    const other = [...modes].filter(([, m]) => m.mode !== 'STRICT').map(([p]) => p);
    if (strict.length === 0 || other.length === 0) return;
    const scope = namespace === root ? 'every namespace (mesh-wide)' : `namespace ${namespace}`;
    const describeMode = (primary: string): string => {
      const mode = modes.get(primary)!;
      return `${mode.mode} in ${primary} (${mode.source ? `PeerAuthentication ${mode.source.namespace}/${mode.source.name}` : "Istio's default"})`;
    };
    for (const [primary, mode] of modes) {
      const source = mode.source;
      if (!source || !members.includes(source)) continue;
      const opposite = mode.mode === 'STRICT' ? other : strict;
      const disable = [mode, ...opposite.map((p) => modes.get(p)!)].some((m) => m.mode === 'DISABLE');
      const consequence = disable
        ? 'a DISABLE side accepts only plaintext while callers in other clusters send it mTLS, and the STRICT side refuses plaintext: calls between these clusters fail both ways'
        : 'clients without mTLS reach these workloads in some clusters and are refused in others, and the PERMISSIVE side accepts plaintext the STRICT policy means to refuse';
      const readers = [...modes].filter(([, m]) => m.source === source).map(([p]) => p);
      ctx.report({
        code: 'MESH204',
        resource: source,
        path: ['spec', 'mtls', 'mode'],
        message: `${describe(source)} makes the workloads of ${scope} ${mode.mode} in ${joinNames(readers)}, but they are ${opposite.map(describeMode).join(', ')}: ${consequence}. ${describeCallers(ctx.mesh, [primary])} and ${describeCallers(ctx.mesh, opposite)} see one service with two mTLS policies. Use the same mTLS mode for ${scope} in every primary.`,
        related: opposite.flatMap((p) => {
          const other = modes.get(p)!.source;
          return other ? [{ resource: other, path: ['spec', 'mtls', 'mode'], message: describeMode(p) }] : [];
        }),
        data: withActions(
          { namespace, modes: Object.fromEntries([...modes].map(([p, m]) => [p, m.mode])) },
          source.cluster === null
            ? {
                diff: liveCopies(opposite.flatMap((p) => sameObject(modes.get(p)!.source, source))),
                apply: opposite.filter((p) => {
                  const theirs = modes.get(p)!.source;
                  return theirs === null || sameObject(theirs, source).length > 0;
                }),
              }
            : {},
        ),
      });
    }
  },
};

/** `[other]` when it is a copy of the same object as `source` (a diff or an apply makes sense). */
function sameObject(other: MeshResource | null, source: MeshResource): MeshResource[] {
  return other && identityOf(other) === identityOf(source) ? [other] : [];
}
