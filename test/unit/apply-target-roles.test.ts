/**
 * Which targets the apply engine may write to by their role: only a cluster whose first sync is over,
 * whose namespaces, Services and Deployments were all read, and whose role reads Istio config; a remote is
 * refused with MESH107's words, everything not known is refused, never guessed.
 */
import assert from 'node:assert/strict';
import { type ClusterHealth } from '../../server/src/topology/cluster-health';
import { type ClusterSnapshot } from '../../server/src/mesh/snapshot';
import { roleRefusal, targetRolesOf } from '../../server/src/apply/target-roles';

function health(cluster: string, change: Partial<ClusterHealth> = {}): ClusterHealth {
  return {
    cluster,
    state: 'synced',
    reachable: true,
    stale: null,
    lastSyncAt: 1,
    unreadable: [],
    unread: [],
    ...change,
  };
}

function cluster(name: string, role: ClusterSnapshot['role'], controlPlane: string | null): ClusterSnapshot {
  return {
    name,
    id: name,
    network: null,
    role,
    revisions: [],
    meshId: null,
    trustDomain: null,
    controlPlane,
    reachable: true,
    stale: null,
    remoteSecrets: [],
    eastWestGateways: [],
    ambientNamespaces: [],
    waypoints: [],
    ambientEastWestGateways: [],
    objects: [],
  };
}

describe('apply: target roles', () => {
  const roles = targetRolesOf({
    snapshot: {
      version: 3,
      clusters: [
        cluster('east', 'primary', 'east'),
        cluster('edge', 'remote', 'east'),
        cluster('bare', 'unknown', null),
        cluster('partial', 'primary', 'partial'),
        cluster('down', 'primary', 'down'),
        cluster('starting', 'unknown', null),
      ],
    },
    health: [
      health('east'),
      health('edge'),
      health('bare'),
      health('partial', { state: 'degraded', unreadable: ['deployments.apps', 'pods'] }),
      health('down', { state: 'unreachable', reachable: false, stale: 'cluster down unreachable' }),
      health('starting', { state: 'connecting', lastSyncAt: null }),
      health('never', {
        state: 'unreachable',
        lastSyncAt: null,
        stale: 'cluster never unreachable (ECONNREFUSED)',
      }),
      health('untrusted', {
        state: 'refused',
        lastSyncAt: null,
        stale: 'exec plugin needs a trusted workspace',
      }),
    ],
  });
  const message = (name: string): string | null => roleRefusal(name, roles.get(name))?.message ?? null;
  const kind = (name: string): string | null => roleRefusal(name, roles.get(name))?.kind ?? null;

  it('lets a primary through, and a primary read before it went down (the request then fails on its own)', () => {
    assert.equal(roleRefusal('east', roles.get('east')), null);
    assert.equal(roleRefusal('down', roles.get('down')), null);
  });

  it('refuses a remote with MESH107', () => {
    assert.equal(kind('edge'), 'remote-cluster');
    assert.match(message('edge') ?? '', /^edge is a remote cluster served by east: .*\(MESH107\)$/);
  });

  it('refuses a cluster in its first sync, never read, not read, or read without what the role comes from', () => {
    assert.equal(
      message('starting'),
      'role of starting not known yet (first sync in progress); try again when the Topology view shows it',
    );
    assert.match(
      message('never') ?? '',
      /^role of never not known yet \(it has not been read yet: cluster never unreachable/,
    );
    assert.match(
      message('untrusted') ?? '',
      /^role of untrusted not known yet \(it is not read: exec plugin/,
    );
    assert.match(
      message('partial') ?? '',
      /^role of partial not known yet \(the read is partial: deployments\.apps cannot be read there\)/,
    );
    for (const name of ['starting', 'never', 'untrusted', 'partial'])
      assert.equal(kind(name), 'role-unknown');
  });

  it('refuses a cluster where no control plane was found, and one the topology does not read', () => {
    assert.equal(kind('bare'), 'role-unknown');
    assert.match(message('bare') ?? '', /no Istio control plane was found there/);
    assert.equal(kind('elsewhere'), 'role-unknown');
    assert.match(
      message('elsewhere') ?? '',
      /^role of elsewhere not known: Meshwright does not read that context/,
    );
  });
});
