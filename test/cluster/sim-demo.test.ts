/**
 * The demo mesh (`meshwright-sim --demo`): its topology is the one simulator/demo/README.md describes, and
 * the planted mistakes other tests rely on are there (subset missing in west, ratings drift, Istio config
 * on the remote edge). Also: a demo cluster stopped and started again recovers.
 */
import assert from 'node:assert/strict';
import { startForTest, type SimulatorUnderTest } from './sim-harness';

describe('meshwright-sim --demo', function () {
  this.timeout(60_000);
  let sim: SimulatorUnderTest;

  before(async () => {
    sim = await startForTest({ demo: true });
  });
  after(async () => sim.stop());

  const jsonpath = async (context: string, ...args: string[]): Promise<string> => {
    const result = await sim.kubectl('--context', context, 'get', ...args);
    assert.equal(result.code, 0, result.stderr);
    return result.stdout.trim();
  };

  it('has one context per cluster: east, west and edge', async () => {
    const result = await sim.kubectl('config', 'get-contexts', '-o', 'name');
    assert.deepEqual(result.stdout.trim().split('\n').sort(), ['east', 'edge', 'west']);
  });

  it("lists the drifted ratings DestinationRule in west, which differs from east's", async () => {
    const list = await sim.kubectl('--context', 'west', 'get', 'destinationrules', '-A');
    assert.match(list.stdout, /^bookinfo\s+ratings\s+ratings\s+/m);
    const tls = '-o=jsonpath={.spec.trafficPolicy.tls.mode} {.spec.trafficPolicy.loadBalancer.simple}';
    assert.equal(await jsonpath('west', 'dr', 'ratings', '-n', 'bookinfo', tls), 'DISABLE ROUND_ROBIN');
    assert.equal(
      await jsonpath('east', 'dr', 'ratings', '-n', 'bookinfo', tls),
      'ISTIO_MUTUAL LEAST_REQUEST',
    );
    assert.equal(
      await jsonpath(
        'east',
        'dr',
        'ratings',
        '-n',
        'bookinfo',
        '-o=jsonpath={.spec.trafficPolicy.outlierDetection.consecutive5xxErrors}',
      ),
      '5',
    );
    for (const primary of ['east', 'west']) {
      assert.equal(
        await jsonpath(
          primary,
          'peerauthentication',
          'default',
          '-n',
          'istio-system',
          '-o=jsonpath={.spec.mtls.mode}',
        ),
        'STRICT',
      );
    }
  });

  it('defines reviews subset v3 in east only, while both primaries route to it', async () => {
    const subsets = '-o=jsonpath={.spec.subsets[*].name}';
    assert.equal(await jsonpath('east', 'dr', 'reviews', '-n', 'bookinfo', subsets), 'v1 v2 v3');
    assert.equal(await jsonpath('west', 'dr', 'reviews', '-n', 'bookinfo', subsets), 'v1 v2');
    for (const primary of ['east', 'west']) {
      assert.equal(
        await jsonpath(
          primary,
          'vs',
          'reviews',
          '-n',
          'bookinfo',
          '-o=jsonpath={.spec.http[0].route[*].destination.subset}',
        ),
        'v1 v2 v3',
      );
    }
    assert.match(
      await jsonpath('west', 'pods', '-n', 'bookinfo', '-l', 'app=reviews', '-o=name'),
      /^pod\/reviews-v3-/,
    );
  });

  it('has a VirtualService in the remote edge, where no control plane reads it', async () => {
    assert.equal(
      await jsonpath('edge', 'virtualservices', '-A', '-o=jsonpath={.items[*].metadata.name}'),
      'ratings',
    );
    assert.equal(await jsonpath('edge', 'deployments', '-n', 'istio-system', '-o=name'), '');
    assert.equal(await jsonpath('edge', 'svc', 'istiod', '-n', 'istio-system', '-o=name'), 'service/istiod');
    assert.equal(
      await jsonpath(
        'edge',
        'ns',
        'istio-system',
        '-o=jsonpath={.metadata.annotations.topology\\.istio\\.io/controlPlaneClusters}',
      ),
      'east',
    );
  });

  it('puts each cluster on its network and region, with istiod, gateways and remote secrets', async () => {
    const expected = { east: ['net1', 'us-east'], west: ['net2', 'us-west'], edge: ['net1', 'us-east'] };
    for (const [cluster, [network, region]] of Object.entries(expected)) {
      assert.equal(
        await jsonpath(
          cluster,
          'ns',
          'istio-system',
          '-o=jsonpath={.metadata.labels.topology\\.istio\\.io/network}',
        ),
        network,
      );
      const regions = await jsonpath(
        cluster,
        'nodes',
        '-o=jsonpath={.items[*].metadata.labels.topology\\.kubernetes\\.io/region}',
      );
      assert.deepEqual([...new Set(regions.split(' '))], [region]);
    }
    for (const [primary, network, remotes] of [
      ['east', 'net1', 'edge west'],
      ['west', 'net2', 'east edge'],
    ] as const) {
      const env = await jsonpath(
        primary,
        'deploy',
        'istiod',
        '-n',
        'istio-system',
        '-o=jsonpath={.spec.template.spec.containers[0].env[?(@.name=="CLUSTER_ID")].value}',
      );
      assert.equal(env, primary);
      assert.equal(
        await jsonpath(
          primary,
          'svc',
          'istio-eastwestgateway',
          '-n',
          'istio-system',
          '-o=jsonpath={.metadata.labels.topology\\.istio\\.io/network}',
        ),
        network,
      );
      assert.equal(
        await jsonpath(
          primary,
          // `gateway` alone is the Gateway API's where both are served, as kubectl resolves it on a real server.
          'gateways.networking.istio.io',
          'cross-network-gateway',
          '-n',
          'istio-system',
          '-o=jsonpath={.spec.servers[0].tls.mode}',
        ),
        'AUTO_PASSTHROUGH',
      );
      const secrets = await jsonpath(
        primary,
        'secrets',
        '-n',
        'istio-system',
        '-l',
        'istio/multiCluster=true',
        '-o=jsonpath={.items[*].metadata.annotations.networking\\.istio\\.io/cluster}',
      );
      assert.equal(secrets.split(' ').sort().join(' '), remotes);
    }
    const keys = await jsonpath(
      'east',
      'secret',
      'istio-remote-secret-edge',
      '-n',
      'istio-system',
      '-o=jsonpath={.data}',
    );
    assert.deepEqual(
      Object.keys(JSON.parse(keys) as object),
      ['edge'],
      'the data key is the remote cluster ID',
    );
  });

  it('recovers a cluster that was stopped and started again', async () => {
    const west = sim.simulator.cluster('west');
    await west.stop();
    const down = await sim.kubectl('--context', 'west', 'get', 'destinationrules', '-A');
    assert.equal(down.code, 1);
    assert.match(down.stderr, /refused/);
    await west.start();
    const up = await sim.kubectl('--context', 'west', 'get', 'destinationrules', '-A', '-o', 'name');
    assert.equal(up.code, 0, up.stderr);
    assert.match(up.stdout, /destinationrule.networking.istio.io\/ratings/);
  });
});
