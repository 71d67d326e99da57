import assert from 'node:assert/strict';
import {
  clusterLocalRuleFor,
  clusterLocalRules,
} from '../../../../server/src/analysis/model/cluster-local-hosts';
import { type KnownLocality, localityMatches } from '../../../../server/src/analysis/model/localities';
import { meshConfigView } from '../../../../server/src/analysis/model/mesh-config';
import { type MeshResource } from '../../../../server/src/analysis/model/resource';
import { ResourceFactory } from '../../../../server/src/analysis/model/resource-factory';
import {
  effectiveLevel,
  policyContexts,
  policyLevels,
} from '../../../../server/src/analysis/model/traffic-policy-levels';

const factory = new ResourceFactory('bookinfo');

function rule(spec: Record<string, unknown>): MeshResource {
  return factory.fromLiveObject('east', {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    metadata: { name: 'ratings', namespace: 'bookinfo' },
    spec,
  });
}

describe('traffic policy levels (pilot MergeTrafficPolicy)', () => {
  const dr = rule({
    host: 'ratings',
    trafficPolicy: {
      outlierDetection: { consecutive5xxErrors: 5 },
      loadBalancer: { simple: 'ROUND_ROBIN' },
      portLevelSettings: [{ port: { number: 9080 }, loadBalancer: { simple: 'LEAST_REQUEST' } }],
    },
    subsets: [
      { name: 'v1', trafficPolicy: { loadBalancer: { simple: 'RANDOM' } } },
      {
        name: 'v2',
        trafficPolicy: {
          portLevelSettings: [{ port: { number: 9080 }, outlierDetection: { interval: '1s' } }],
        },
      },
    ],
  });
  const levels = policyLevels(dr);
  const pathOf = (
    field: 'loadBalancer' | 'outlierDetection',
    subset: string | null,
    port: number | null,
  ): string => effectiveLevel(levels, field, { subset, port })?.path.join('.') ?? 'none';

  it('lists every level and every Envoy cluster (subset x port, plus other ports)', () => {
    assert.deepEqual(
      levels.map((l) => l.path.join('.')),
      [
        'spec.trafficPolicy',
        'spec.trafficPolicy.portLevelSettings.0',
        'spec.subsets.0.trafficPolicy',
        'spec.subsets.1.trafficPolicy',
        'spec.subsets.1.trafficPolicy.portLevelSettings.0',
      ],
    );
    assert.equal(policyContexts(dr, levels).length, 6);
  });

  it('takes each field from the most specific level that sets it: subset port, subset, top port, top', () => {
    assert.equal(pathOf('loadBalancer', null, null), 'spec.trafficPolicy');
    assert.equal(pathOf('loadBalancer', null, 9080), 'spec.trafficPolicy.portLevelSettings.0');
    assert.equal(pathOf('loadBalancer', 'v1', 9080), 'spec.subsets.0.trafficPolicy');
    assert.equal(pathOf('loadBalancer', 'v2', 9080), 'spec.trafficPolicy.portLevelSettings.0');
    assert.equal(pathOf('outlierDetection', 'v1', null), 'spec.trafficPolicy');
    assert.equal(pathOf('outlierDetection', 'v2', 9080), 'spec.subsets.1.trafficPolicy.portLevelSettings.0');
    assert.equal(pathOf('outlierDetection', 'v2', null), 'spec.trafficPolicy');
  });

  it('tolerates malformed policies', () => {
    const broken = rule({
      trafficPolicy: 'x',
      subsets: [{ name: 3 }, null, { name: 'ok', trafficPolicy: [] }],
    });
    assert.deepEqual(policyLevels(broken), []);
    assert.equal(effectiveLevel([], 'loadBalancer', { subset: null, port: null }), undefined);
  });
});

describe('cluster-local hosts (pilot ClusterLocalProvider)', () => {
  const local = (mesh: Record<string, unknown>, host: string): boolean =>
    clusterLocalRuleFor(clusterLocalRules(meshConfigView(mesh)), host)?.clusterLocal === true;

  it('has kube-system and kubernetes.default cluster-local by default', () => {
    assert.ok(local({}, 'kube-dns.kube-system.svc.cluster.local'));
    assert.ok(local({}, 'kubernetes.default.svc.cluster.local'));
    assert.ok(!local({}, 'reviews.bookinfo.svc.cluster.local'));
  });

  it('lets serviceSettings add hosts and override the defaults; the most specific host wins', () => {
    const mesh = {
      serviceSettings: [
        { settings: { clusterLocal: true }, hosts: ['*.bookinfo.svc.cluster.local'] },
        {
          settings: { clusterLocal: false },
          hosts: ['ratings.bookinfo.svc.cluster.local', '*.kube-system.svc.cluster.local'],
        },
      ],
    };
    assert.ok(local(mesh, 'reviews.bookinfo.svc.cluster.local'));
    assert.ok(!local(mesh, 'ratings.bookinfo.svc.cluster.local'));
    assert.ok(!local(mesh, 'kube-dns.kube-system.svc.cluster.local'));
    assert.ok(local(mesh, 'kubernetes.default.svc.cluster.local'));
  });
});

describe('locality patterns (pilot LocalityMatch)', () => {
  const node: KnownLocality = {
    region: 'us-east',
    zone: 'us-east-1a',
    subzone: '',
    places: new Set(['cluster east']),
  };

  it('matches each segment or *, an omitted zone or subzone matching any', () => {
    assert.ok(localityMatches('us-east', node));
    assert.ok(localityMatches('us-east/*', node));
    assert.ok(localityMatches('us-east/us-east-1a/*', node));
    assert.ok(localityMatches('*', node));
    assert.ok(!localityMatches('us-east/us-east-1b', node));
    assert.ok(!localityMatches('us-east/us-east-1a/rack-1', node));
    assert.ok(!localityMatches('us-west/*', node));
  });
});
