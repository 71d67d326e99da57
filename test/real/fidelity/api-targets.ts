/**
 * The two servers the fidelity script runs against, behind one interface: a real kube-apiserver of the
 * harness and a simulated cluster. Each answers a request as one of the script's identities and can make
 * its old resourceVersions unreachable (etcd compaction on the real server; the simulator's equivalent is
 * forgetting its watch history).
 */
import { type RealControlPlane } from '../support/control-plane';
import { type KubeAnswer, type KubeRequest, KubeRest } from '../support/kube-rest';
import { type Simulator } from '../../../simulator/src/index';

/**
 * Who sends a request: the cluster's administrator, an authenticated user without any rights, a token
 * the server does not know, or no credential at all.
 */
export type ScriptIdentity = 'admin' | 'nobody' | 'wrongToken' | 'anonymous';

export interface ApiTarget {
  readonly name: 'real' | 'simulator';
  request(identity: ScriptIdentity, path: string, options: KubeRequest): Promise<KubeAnswer>;
  /** Old resourceVersions become unreachable: watches and lists from them are answered 410. */
  compact(): Promise<void>;
}

const WRONG_TOKEN = { token: 'not-a-token-this-server-issued' };

export function realTarget(plane: RealControlPlane, cluster: string): ApiTarget {
  const server = plane.cluster(cluster);
  const admin = server.rest('admin');
  const clients: Record<ScriptIdentity, KubeRest> = {
    admin,
    nobody: server.rest('nobody'),
    wrongToken: admin.as(WRONG_TOKEN),
    anonymous: admin.as({ anonymous: true }),
  };
  return {
    name: 'real',
    request: (identity, path, options) => clients[identity].request(path, options),
    compact: async () => {
      await plane.etcd.compact();
    },
  };
}

/** `/api/v1/namespaces/x/configmaps/y` -> `configmaps`: the resource a path names. */
function resourceOf(path: string): string {
  const match = /^\/(?:api\/v1|apis\/[^/]+\/[^/]+)(?:\/namespaces\/[^/]+)?\/([^/?]+)/.exec(path);
  if (!match?.[1]) throw new Error(`the fidelity script sends "nobody" only to resource paths, not ${path}`);
  return match[1];
}

/**
 * The simulator has one user per cluster, allowed everything. A user without rights is that user with
 * the resource forbidden (the simulator's RBAC-denial fault), for that request only.
 */
export function simulatorTarget(simulator: Simulator, cluster: string): ApiTarget {
  const simulated = simulator.cluster(cluster);
  const admin = new KubeRest(simulated.url, simulator.caCertificatePem, { token: simulated.token });
  return {
    name: 'simulator',
    request: async (identity, path, options) => {
      if (identity === 'wrongToken') return admin.as(WRONG_TOKEN).request(path, options);
      if (identity === 'anonymous') return admin.as({ anonymous: true }).request(path, options);
      if (identity === 'admin') return admin.request(path, options);
      simulated.setFaults({ forbidden: [{ resource: resourceOf(path) }] });
      try {
        return await admin.request(path, options);
      } finally {
        simulated.resetFaults();
      }
    },
    compact: async () => {
      simulated.compact();
    },
  };
}
