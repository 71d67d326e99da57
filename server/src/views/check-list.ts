/**
 * The checklist of `meshwright check`: one line per check per cluster or pair of clusters, in the order
 * that explains failures best: a cluster that cannot be read explains everything after it, identities
 * explain trust, trust explains remote access, and so on down to config drift. Pure: the facts and the
 * analysis's diagnostics in, results out. The trust judgements are trust-assessment.ts's, the ones the
 * MESH30x analyzers make, so the checklist and `meshwright analyze` never disagree.
 */
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { REMOTE_SECRETS_KIND } from '../mesh/snapshot';
import { type ClusterFacts } from '../mesh/derive-cluster-facts';
import {
  CERTIFICATE_WARNING_DAYS,
  TOKEN_WARNING_DAYS,
  clustersToRead,
  describeDays,
  describeRoot,
  expiryOf,
  meshOf,
  minorDistance,
  minorVersion,
  rootRelation,
  sameServer,
} from '../mesh/trust-assessment';
import { type CheckResult } from '../../../protocol/check-results';
import { type RemoteAccessResult } from '../topology/remote-access-review';

export interface CheckedCluster {
  readonly facts: ClusterFacts;
  readonly reachable: boolean;
  /** Why the data is old or partial; null when read whole (or from files). */
  readonly stale: string | null;
  readonly source: 'live' | 'files';
  /** Kinds that could not be read there (`Secret (remote secrets)`, `Secret`): their checks say so. */
  readonly unreadKinds?: readonly string[];
}

export interface CheckInput {
  readonly clusters: readonly CheckedCluster[];
  /** The analysis of the same clusters (no documents). */
  readonly diagnostics: readonly MeshDiagnostic[];
  /** `--verify-remote-secrets`: what each remote secret's credential could do; absent when not asked. */
  readonly verification?: readonly RemoteAccessResult[];
  readonly now?: Date;
}

export function buildChecks(input: CheckInput): CheckResult[] {
  const now = input.now ?? new Date();
  const facts = input.clusters.map((c) => c.facts);
  return [
    ...reachability(input.clusters),
    ...identity(facts, input.diagnostics),
    ...trust(facts, now),
    ...remoteSecrets(
      facts,
      now,
      input.verification,
      new Set(
        input.clusters.filter((c) => c.unreadKinds?.includes(REMOTE_SECRETS_KIND)).map((c) => c.facts.name),
      ),
    ),
    ...gatewaysAndNetworks(facts, input.diagnostics),
    ...versions(facts),
    configDrift(facts, input.diagnostics),
  ];
}

function reachability(clusters: readonly CheckedCluster[]): CheckResult[] {
  return clusters.map(({ facts, reachable, stale, source }) => {
    const name = 'reachability';
    const clusterNames = [facts.name];
    const what = `${facts.role}${facts.id !== facts.name ? `, ID ${facts.id}` : ''}${facts.network ? `, network ${facts.network}` : ''}`;
    if (!reachable) {
      return {
        name,
        status: 'fail',
        clusters: clusterNames,
        message: `cluster ${facts.name} could not be read: ${stale ?? 'unreachable'}`,
        hint:
          'check the kubeconfig context (server URL, credentials) and that the API server answers: kubectl --context ' +
          facts.name +
          ' get ns',
      };
    }
    if (stale) {
      return {
        name,
        status: 'warn',
        clusters: clusterNames,
        message: `cluster ${facts.name} was read in part (${what}): ${stale}`,
        hint: 'grant the reader the ClusterRole of docs/topology.md; checks that need the unread types say nothing about this cluster',
      };
    }
    return {
      name,
      status: 'pass',
      clusters: clusterNames,
      message: `cluster ${facts.name} ${source === 'files' ? 'read from files' : 'read'} (${what})`,
    };
  });
}

function identity(clusters: readonly ClusterFacts[], diagnostics: readonly MeshDiagnostic[]): CheckResult[] {
  const results: CheckResult[] = [];
  for (const cluster of clusters) {
    const found = diagnostics.filter((d) => d.code === 'MESH110' && d.cluster === cluster.name);
    const described = `ID ${cluster.id}, trust domain ${cluster.trustDomain ?? 'unknown'}, mesh ${meshOf(cluster)}`;
    results.push(
      found.length > 0
        ? {
            name: 'identity',
            status: 'fail',
            clusters: [cluster.name],
            code: 'MESH110',
            message: `cluster ${cluster.name} (${described}): ${firstSentence(found[0]!.message)}${found.length > 1 ? ` (and ${found.length - 1} more)` : ''}`,
            hint: 'give every cluster a unique CLUSTER_ID, one mesh ID and one trust domain (or aliases); name remote secrets after cluster IDs. meshwright analyze --cluster/--kubeconfig shows each finding where it is',
          }
        : {
            name: 'identity',
            status: 'pass',
            clusters: [cluster.name],
            message: `cluster ${cluster.name}: ${described}`,
          },
    );
    const principals = diagnostics.filter((d) => d.code === 'MESH304' && d.cluster === cluster.name);
    if (principals.length > 0) {
      results.push({
        name: 'policy principals',
        status: 'warn',
        clusters: [cluster.name],
        code: 'MESH304',
        message: `cluster ${cluster.name}: ${principals.length} AuthorizationPolicy principal${principals.length === 1 ? '' : 's'} name${principals.length === 1 ? 's' : ''} a trust domain no cluster uses (${principals.map((d) => (d.resource ? `${d.resource.namespace}/${d.resource.name}` : d.uri)).join(', ')})`,
        hint: 'write the principals with the trust domain the clusters use, or add the old one to meshConfig.trustDomainAliases',
      });
    }
  }
  return results;
}

function trust(clusters: readonly ClusterFacts[], now: Date): CheckResult[] {
  const results: CheckResult[] = [];
  const withRoots = clusters.filter((c) => c.trust?.roots && c.trust.roots.length > 0);
  for (const cluster of clusters) {
    if (!cluster.trust || cluster.role === 'unknown') continue;
    if (!cluster.trust.roots || cluster.trust.roots.length === 0) {
      results.push({
        name: 'trust roots',
        status: 'warn',
        clusters: [cluster.name],
        message: `cluster ${cluster.name}: istiod's roots are unknown (no ConfigMap istio-ca-root-cert in istio-system${cluster.trust.roots ? ' with a root-cert.pem' : ''})`,
        hint: 'istiod publishes it once it runs; without it trust between clusters cannot be checked',
      });
    }
  }
  for (let i = 0; i < withRoots.length; i++) {
    for (let j = i + 1; j < withRoots.length; j++) {
      const a = withRoots[i]!;
      const b = withRoots[j]!;
      if (meshOf(a) !== meshOf(b)) continue;
      const relation = rootRelation(a.trust!.roots!, b.trust!.roots!);
      const pair = [a.name, b.name];
      if (relation === 'same') {
        results.push({
          name: 'trust roots',
          status: 'pass',
          clusters: pair,
          message: `${a.name} and ${b.name} trust the same root${a.trust!.roots!.length > 1 ? 's' : ''}: ${a.trust!.roots!.map(describeRoot).join(', ')}`,
        });
      } else {
        results.push({
          name: 'trust roots',
          status: relation === 'disjoint' ? 'fail' : 'warn',
          clusters: pair,
          code: 'MESH301',
          message:
            relation === 'disjoint'
              ? `${a.name} and ${b.name} trust no common root (${a.name}: ${a.trust!.roots!.map(describeRoot).join(', ')}; ${b.name}: ${b.trust!.roots!.map(describeRoot).join(', ')}): cross-cluster mTLS fails`
              : `${a.name} and ${b.name} trust different but overlapping roots: a root rotation in progress`,
          hint:
            relation === 'disjoint'
              ? 'plug the same root into both clusters (Secret cacerts in istio-system) and restart istiod'
              : 'finish the rotation: every cluster trusts old and new roots until all workload certificates are reissued',
        });
      }
    }
  }
  for (const cluster of clusters) {
    const certificates = [
      ...(cluster.trust?.roots ?? []).map((c) => ({ what: 'root', certificate: c })),
      ...(cluster.trust?.caCertificate
        ? [{ what: 'plugged-in CA', certificate: cluster.trust.caCertificate }]
        : []),
    ];
    if (certificates.length === 0) continue;
    const judged = certificates.map((entry) => ({
      ...entry,
      expiry: expiryOf(entry.certificate.notAfter, CERTIFICATE_WARNING_DAYS, now),
    }));
    const worst =
      judged.find((e) => e.expiry?.state === 'expired') ?? judged.find((e) => e.expiry?.state === 'expiring');
    if (!worst || !worst.expiry) {
      const first = judged.map((e) => e.certificate.notAfter).sort()[0]!;
      results.push({
        name: 'certificate expiry',
        status: 'pass',
        clusters: [cluster.name],
        message: `cluster ${cluster.name}: roots valid until ${first.slice(0, 10)} or later`,
      });
      continue;
    }
    const expired = worst.expiry.state === 'expired';
    results.push({
      name: 'certificate expiry',
      status: expired ? 'fail' : 'warn',
      clusters: [cluster.name],
      code: 'MESH302',
      message: `cluster ${cluster.name}: the ${worst.what} ${describeRoot(worst.certificate)} ${expired ? 'expired' : 'expires'} ${describeDays(worst.expiry)} (${worst.expiry.at})`,
      hint:
        worst.what === 'root'
          ? 'rotate to a new root, trusting old and new together until every workload certificate is reissued'
          : 'plug in a new intermediate signed by the shared root (Secret cacerts) and restart istiod',
    });
  }
  for (const cluster of clusters) {
    if (cluster.role !== 'primary' || !cluster.trust) continue;
    const multicluster = clusters.some((c) => c.name !== cluster.name && meshOf(c) === meshOf(cluster));
    if (cluster.trust.pluggedInCa) {
      results.push({
        name: 'certificate authority',
        status: 'pass',
        clusters: [cluster.name],
        message: `cluster ${cluster.name}: istiod signs with a plugged-in CA (Secret cacerts)`,
      });
    } else if (cluster.trust.selfSignedCa && multicluster) {
      results.push({
        name: 'certificate authority',
        status: 'fail',
        clusters: [cluster.name],
        code: 'MESH303',
        message: `cluster ${cluster.name}: istiod uses its own self-signed root (istio-ca-secret, no cacerts) in a multicluster mesh`,
        hint: "create Secret cacerts in istio-system from the mesh's shared root, restart istiod, then delete istio-ca-secret",
      });
    } else {
      results.push({
        name: 'certificate authority',
        status: 'pass',
        clusters: [cluster.name],
        message: `cluster ${cluster.name}: ${cluster.trust.selfSignedCa ? 'istiod uses its own root (single-cluster mesh)' : 'no self-signed istiod root found'}`,
      });
    }
  }
  return results;
}

function remoteSecrets(
  clusters: readonly ClusterFacts[],
  now: Date,
  verification: readonly RemoteAccessResult[] | undefined,
  unreadRemoteSecrets: ReadonlySet<string>,
): CheckResult[] {
  const results: CheckResult[] = [];
  for (const primary of clusters) {
    if (unreadRemoteSecrets.has(primary.name)) {
      results.push({
        name: 'remote secret',
        status: 'warn',
        clusters: [primary.name],
        message: `${primary.name}: its remote secrets could not be read, so which clusters it reads is unknown`,
        hint: 'grant list/watch on Secrets in istio-system to the identity of the kubeconfig (docs/topology.md)',
      });
      continue;
    }
    for (const target of clustersToRead(primary, clusters)) {
      const pair = [primary.name, target.name];
      const label = `${primary.name} → ${target.name}`;
      const secret = primary.remoteSecrets.find((s) => s.cluster === target.id || s.cluster === target.name);
      if (!secret) {
        results.push({
          name: 'remote secret',
          status: 'fail',
          clusters: pair,
          code: 'MESH307',
          message: `${label}: ${primary.name} has no remote secret for ${target.name}: its istiod never discovers ${target.name}'s endpoints`,
          hint: `istioctl create-remote-secret --context=${target.name} --name=${target.id} | kubectl apply -f - --context=${primary.name}`,
        });
        continue;
      }
      const access = secret.access;
      const problems: CheckResult[] = [];
      const expires = access?.token?.expires;
      const expiry = expires ? expiryOf(expires, TOKEN_WARNING_DAYS, now) : null;
      const subject = access?.token?.subject ? ` of ${access.token.subject}` : '';
      if (expiry && expiry.state !== 'valid') {
        const expired = expiry.state === 'expired';
        problems.push({
          name: 'remote secret',
          status: expired ? 'fail' : 'warn',
          clusters: pair,
          code: 'MESH306',
          message: `${label}: the token${subject} in ${secret.secret.name} ${expired ? 'expired' : 'expires'} ${describeDays(expiry)} (${expiry.at})`,
          hint: `recreate it with a longer-lived token: istioctl create-remote-secret --context=${target.name} --name=${target.id} | kubectl apply -f - --context=${primary.name}`,
        });
      }
      if (access?.server && target.apiServer && !sameServer(access.server, target.apiServer)) {
        problems.push({
          name: 'remote secret',
          status: 'warn',
          clusters: pair,
          code: 'MESH305',
          message: `${label}: ${secret.secret.name} reaches ${access.server}, the kubeconfig gives ${target.apiServer}`,
          hint: 'a private endpoint reachable from the primary can be right: confirm with --verify-remote-secrets, else recreate the secret with --server set to the address the primary reaches',
        });
      }
      if (problems.length > 0) results.push(...problems);
      else {
        const validity = expiry
          ? `, token valid until ${expiry.at.slice(0, 10)}`
          : access?.token
            ? ', token without expiry'
            : '';
        results.push({
          name: 'remote secret',
          status: 'pass',
          clusters: pair,
          message: `${label}: ${secret.secret.name}${access?.server ? ` reaches ${access.server}` : ''}${validity}`,
        });
      }
      const verified = verification?.find(
        (v) => v.primary === primary.name && v.secret === secret.secret.name && v.key === secret.key,
      );
      if (verified) results.push(verificationResult(label, pair, verified));
    }
  }
  return results;
}

function verificationResult(label: string, pair: string[], result: RemoteAccessResult): CheckResult {
  const whom = result.identity ? ` as ${result.identity}` : '';
  if (result.error) {
    return {
      name: 'remote access',
      status: 'fail',
      clusters: pair,
      message: `${label}: ${result.server ?? 'the server'} could not be used${whom}: ${result.error}`,
      hint: "a 401 means the token expired or its service account is gone; an unreachable server, that the URL is wrong or private to the primary (check from the primary's network)",
    };
  }
  if (result.missing.length > 0) {
    return {
      name: 'remote access',
      status: 'fail',
      clusters: pair,
      message: `${label}: reached ${result.server}${whom}, but it may not ${result.missing.join(', ')}`,
      hint: 'bind the reader service account to istio-reader-clusterrole-<revision> of the istiod version that reads it',
    };
  }
  return {
    name: 'remote access',
    status: 'pass',
    clusters: pair,
    message: `${label}: reached ${result.server}${whom}; get/list/watch allowed on ${result.allowed.length} resources istiod reads`,
  };
}

function gatewaysAndNetworks(
  clusters: readonly ClusterFacts[],
  diagnostics: readonly MeshDiagnostic[],
): CheckResult[] {
  const results: CheckResult[] = [];
  const networks = [...new Set(clusters.map((c) => c.network).filter((n): n is string => n !== null))].sort();
  if (networks.length < 2) return results;
  for (const network of networks) {
    const members = clusters.filter((c) => c.network === network).map((c) => c.name);
    const gateways = clusters.flatMap((c) =>
      c.eastWestGateways.filter((g) => g.network === network).map((g) => ({ cluster: c.name, gateway: g })),
    );
    const reachable = gateways.filter((g) => g.gateway.address !== null);
    const crossNetwork = diagnostics.filter(
      (d) => d.code === 'MESH104' && d.cluster !== null && members.includes(d.cluster),
    );
    if (reachable.length === 0) {
      results.push({
        name: 'east-west gateway',
        status: 'fail',
        clusters: members,
        code: 'MESH104',
        message: `network ${network} (${members.join(', ')}): ${gateways.length === 0 ? 'no east-west gateway' : 'its east-west gateway has no address'}: other networks cannot reach its endpoints`,
        hint: 'install an east-west gateway in the network (samples/multicluster/gen-eastwest-gateway.sh) and expose its services (AUTO_PASSTHROUGH Gateway)',
      });
    } else {
      results.push({
        name: 'east-west gateway',
        status: crossNetwork.length > 0 ? 'warn' : 'pass',
        clusters: members,
        ...(crossNetwork.length > 0 ? { code: 'MESH104' } : {}),
        message: `network ${network} (${members.join(', ')}): ${reachable.map((g) => `${g.gateway.service.name} in ${g.cluster} at ${g.gateway.address}:${g.gateway.port}`).join(', ')}${crossNetwork.length > 0 ? `; ${crossNetwork.length} host(s) with endpoints no gateway exposes` : ''}`,
        ...(crossNetwork.length > 0
          ? { hint: 'meshwright analyze shows each MESH104 finding where it is' }
          : {}),
      });
    }
  }
  return results;
}

function versions(clusters: readonly ClusterFacts[]): CheckResult[] {
  const primaries = clusters.filter((c) => c.role === 'primary' && (c.trust?.istiods.length ?? 0) > 0);
  if (primaries.length === 0) return [];
  const meshes = [...new Set(primaries.map(meshOf))];
  return meshes.map((mesh) => {
    const members = primaries.filter((c) => meshOf(c) === mesh);
    const running = members.flatMap((c) => c.trust!.istiods.map((i) => ({ cluster: c.name, istiod: i })));
    const listed = running
      .map(
        (r) =>
          `${r.cluster} ${r.istiod.version ?? 'unknown'}${r.istiod.revision !== 'default' ? ` (${r.istiod.revision})` : ''}`,
      )
      .join(', ');
    const minors = running
      .map((r) => ({ ...r, minor: minorVersion(r.istiod.version) }))
      .filter((r) => r.minor !== null);
    const skewed = minors.some((a) =>
      minors.some((b) => a.cluster !== b.cluster && minorDistance(a.minor!, b.minor!) > 1),
    );
    return skewed
      ? {
          name: 'istiod versions',
          status: 'warn' as const,
          clusters: members.map((c) => c.name),
          code: 'MESH308',
          message: `mesh ${mesh}: istiod ${listed}: more than one minor release apart`,
          hint: 'upgrade the older control plane one minor release at a time (revision-based upgrades)',
        }
      : {
          name: 'istiod versions',
          status: 'pass' as const,
          clusters: members.map((c) => c.name),
          message: `mesh ${mesh}: istiod ${listed}`,
        };
  });
}

function configDrift(clusters: readonly ClusterFacts[], diagnostics: readonly MeshDiagnostic[]): CheckResult {
  const drift = diagnostics.filter((d) => /^MESH2\d\d$/.test(d.code));
  const primaries = clusters.filter((c) => c.role === 'primary' || c.role === 'config').map((c) => c.name);
  if (drift.length === 0) {
    return {
      name: 'config drift',
      status: 'pass',
      clusters: primaries,
      message: `no Istio config differs between primaries (${primaries.join(', ') || 'none'})`,
    };
  }
  const byCode = new Map<string, number>();
  for (const d of drift) byCode.set(d.code, (byCode.get(d.code) ?? 0) + 1);
  const errors = drift.some((d) => d.severity === 'error');
  return {
    name: 'config drift',
    status: errors ? 'fail' : 'warn',
    clusters: primaries,
    message: `${drift.length} finding${drift.length === 1 ? '' : 's'} between primaries: ${[...byCode]
      .sort()
      .map(([code, count]) => `${code} ×${count}`)
      .join(', ')}`,
    hint: 'meshwright analyze with the same --context / --cluster options shows each finding where it is',
  };
}

function firstSentence(message: string): string {
  const colon = message.indexOf(': ');
  const rest = colon >= 0 ? message.slice(colon + 2) : message;
  const end = rest.search(/[.:](\s|$)/);
  return end >= 0 ? rest.slice(0, end) : rest;
}
