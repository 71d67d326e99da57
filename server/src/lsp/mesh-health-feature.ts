/**
 * The Mesh Health view's server side: `meshwright/meshHealth` answers the checklist of `meshwright check`
 * for the live clusters, computed on the first request after a topology change (the analysis of the
 * snapshot alone, as the CLI runs it) and kept until the next; clients re-ask on
 * `meshwright/topologyChanged`. `meshwright/verifyRemoteSecrets` uses the remote secrets' own
 * credentials against the remote API servers: only in a trusted workspace, only when the client asks
 * (after the user agreed); the secrets are read whole for it and dropped, and nothing it logs or answers
 * holds a credential. Its results stay in the checklist until the next verification.
 */
import { type Connection } from 'vscode-languageserver';
import { analyze } from '../analysis/engine';
import { EMPTY_SNAPSHOT } from '../mesh/snapshot';
import { type TopologyState } from '../topology/topology-service';
import { type RemoteAccessResult, verifyRemoteSecrets } from '../topology/remote-access-review';
import { readRemoteSecrets } from '../topology/remote-secret-reader';
import { meshHealthChecks, verifiablePrimaries } from '../views/mesh-health-checks';
import { formatCheckText } from '../views/format-check-text';
import { type CheckResult } from '../../../protocol/check-results';
import {
  MESH_HEALTH_REQUEST,
  type MeshHealthResult,
  VERIFY_REMOTE_SECRETS_REQUEST,
  type VerifyRemoteSecretsResult,
} from '../../../protocol/mesh-health';
import { type MeshwrightSettings } from '../../../protocol/requests';
import { type TopologyFeature } from './topology-feature';

/** The checks that need no analysis: judged from the clusters' trust facts and remote secrets. */
const LINK_CHECKS = new Set(['trust roots', 'remote secret', 'remote access']);

/** The checklist is recomputed at most once per this many times the duration of its last computation. */
const RECOMPUTE_PAUSE_FACTOR = 4;

/** Per request to a remote API server while verifying: the CLI's default. */
const VERIFY_TIMEOUT_MS = 10_000;

export interface MeshHealthFeatureOptions {
  readonly topology: Pick<TopologyFeature, 'onSnapshot' | 'trusted'>;
  readonly settings: () => Promise<MeshwrightSettings>;
}

interface Verification {
  readonly results: readonly RemoteAccessResult[];
  readonly at: string;
}

export interface MeshHealthFeature {
  /** The checklist of the latest state (computed now if it changed since the last call). */
  health(): MeshHealthResult;
  /**
   * The checks between clusters the map draws (trust roots, remote secrets, their verification): judged
   * from the clusters' facts alone, without the analysis the full checklist needs, which at fleet scale
   * takes seconds. The same array until the state or the verification changes.
   */
  linkChecks(): readonly CheckResult[];
  dispose(): void;
}

export function registerMeshHealthFeature(
  connection: Connection,
  options: MeshHealthFeatureOptions,
): MeshHealthFeature {
  let state: TopologyState = { snapshot: EMPTY_SNAPSHOT, health: [], problem: null };
  let verification: Verification | null = null;
  let cached: {
    state: TopologyState;
    verification: Verification | null;
    result: MeshHealthResult;
    /** When it was computed and how long that took (Date.now milliseconds). */
    at: number;
    tookMs: number;
  } | null = null;
  const unsubscribe = options.topology.onSnapshot((event) => {
    state = event.state;
  });

  const health = (): MeshHealthResult => {
    if (cached && cached.verification === verification) {
      if (cached.state === state) return cached.result;
      // The analysis behind the checklist takes seconds at fleet scale: while the clusters keep changing,
      // the last checklist (its version says which snapshot) is answered until a pause several times as
      // long as the analysis itself has passed, so it never takes most of the server's time.
      if (Date.now() - cached.at < RECOMPUTE_PAUSE_FACTOR * cached.tookMs) return cached.result;
    }
    const started = Date.now();
    const checks = checksOf(state, verification?.results);
    const result: MeshHealthResult = {
      version: state.snapshot.version,
      checks,
      report: checks.length > 0 ? formatCheckText(checks, { colour: false }) : '',
      problem: state.problem,
      verifiedAt: verification?.at ?? null,
    };
    cached = { state, verification, result, at: Date.now(), tookMs: Date.now() - started };
    return result;
  };

  let linkCache: { state: TopologyState; verification: Verification | null; checks: CheckResult[] } | null =
    null;
  const linkChecks = (): readonly CheckResult[] => {
    if (linkCache?.state !== state || linkCache.verification !== verification) {
      const checks = meshHealthChecks({
        snapshot: state.snapshot,
        diagnostics: [],
        ...(verification ? { verification: verification.results } : {}),
      }).filter((check) => LINK_CHECKS.has(check.name));
      linkCache = { state, verification, checks };
    }
    return linkCache.checks;
  };

  const verify = async (): Promise<VerifyRemoteSecretsResult> => {
    if (!options.topology.trusted()) {
      return {
        refused:
          'the workspace is not trusted: verifying remote secrets uses their credentials, so it runs only in a trusted workspace',
        checks: [],
        unreadable: [],
      };
    }
    const primaries = verifiablePrimaries(state.snapshot);
    if (primaries.length === 0) {
      return {
        refused: 'no primary cluster is read now: there are no remote secrets to verify',
        checks: [],
        unreadable: [],
      };
    }
    connection.console.info(`mesh health: verifying the remote secrets of ${primaries.join(', ')}`);
    const settings = await options.settings();
    const reads = await readRemoteSecrets({
      kubeconfig: settings.kubeconfig,
      contexts: primaries,
      timeoutMs: VERIFY_TIMEOUT_MS,
    }).catch((error: unknown) => [
      ...primaries.map((cluster) => ({ cluster, secrets: [], error: errorMessage(error) })),
    ]);
    const results: RemoteAccessResult[] = [];
    const unreadable: { cluster: string; reason: string }[] = [];
    for (const read of reads) {
      if (read.error !== undefined) unreadable.push({ cluster: read.cluster, reason: read.error });
      else results.push(...(await verifyRemoteSecrets(read.cluster, read.secrets)));
    }
    verification = { results, at: new Date().toISOString() };
    const checks = health().checks.filter((check) => check.name === 'remote access');
    connection.console.info(
      `mesh health: verified ${results.length} remote secret key${results.length === 1 ? '' : 's'} of ${primaries.join(', ')}: ${checks.filter((c) => c.status !== 'pass').length} failing`,
    );
    return { refused: null, checks, unreadable };
  };

  connection.onRequest(MESH_HEALTH_REQUEST, (): MeshHealthResult => health());
  connection.onRequest(VERIFY_REMOTE_SECRETS_REQUEST, verify);
  return { health, linkChecks, dispose: unsubscribe };
}

function checksOf(
  state: TopologyState,
  verification: readonly RemoteAccessResult[] | undefined,
): CheckResult[] {
  if (state.snapshot.clusters.length === 0) return [];
  const { diagnostics } = analyze({
    documents: [],
    snapshot: state.snapshot,
    offline: false,
    celRules: null,
  });
  return meshHealthChecks({
    snapshot: state.snapshot,
    diagnostics,
    ...(verification ? { verification } : {}),
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
