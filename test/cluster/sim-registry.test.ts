/**
 * What the simulator serves: every Istio kind and version of schemas/index.json (listed in discovery and
 * listable) and the Gateway API's standard kinds, from CRD metadata that matches the CRDs, with OpenAPI
 * v3 that `kubectl explain` reads, and the Gateway API CRDs' defaults applied on write.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { expectedMetadataFiles, metadataIsCurrent } from '../../simulator/scripts/generate-crd-metadata';
import { request, startForTest, type SimulatorUnderTest } from './sim-harness';

interface IndexEntry {
  group: string;
  version: string;
  kind: string;
  apiVersion: string;
  plural: string;
  shortNames: string[];
}

const schemaIndex = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '..', '..', 'schemas', 'index.json'), 'utf8'),
) as {
  kinds: IndexEntry[];
};

describe('meshwright-sim resource registry', function () {
  this.timeout(30_000);
  let sim: SimulatorUnderTest;

  before(async () => {
    sim = await startForTest({ clusters: [{ name: 'alpha' }] });
  });
  after(async () => sim.stop());

  it('istio-crd-metadata.json and gateway-api-crd-metadata.json match the CRDs in schemas/source (regenerate with simulator/scripts/generate-crd-metadata.ts)', () => {
    for (const { file, content } of expectedMetadataFiles())
      assert.ok(metadataIsCurrent(fs.readFileSync(file, 'utf8'), content), path.basename(file));
  });

  it('serves the Gateway API kinds at their served versions, after the built-in groups', async () => {
    const cluster = sim.simulator.cluster('alpha');
    const groups = JSON.parse(
      (await request(sim.simulator, `${cluster.url}/apis`, { token: cluster.token })).body,
    ) as {
      groups: { name: string; preferredVersion: { version: string }; versions: { version: string }[] }[];
    };
    const names = groups.groups.map((group) => group.name);
    const gatewayApi = groups.groups.find((group) => group.name === 'gateway.networking.k8s.io');
    assert.deepEqual(
      gatewayApi?.versions.map((version) => version.version),
      ['v1', 'v1beta1'],
    );
    assert.ok(names.indexOf('gateway.networking.k8s.io') > names.indexOf('apps'));
    for (const path of [
      'gateway.networking.k8s.io/v1/gatewayclasses',
      'gateway.networking.k8s.io/v1/namespaces/default/gateways',
      'gateway.networking.k8s.io/v1beta1/namespaces/default/httproutes',
      'gateway.networking.k8s.io/v1/namespaces/default/grpcroutes',
      'gateway.networking.k8s.io/v1/namespaces/default/tcproutes',
      'gateway.networking.k8s.io/v1/namespaces/default/tlsroutes',
      'gateway.networking.k8s.io/v1beta1/namespaces/default/referencegrants',
    ]) {
      const list = await request(sim.simulator, `${cluster.url}/apis/${path}`, { token: cluster.token });
      assert.equal(list.status, 200, `${path}: ${list.body}`);
    }
    const unserved = await request(
      sim.simulator,
      `${cluster.url}/apis/gateway.networking.k8s.io/v1alpha2/namespaces/default/tcproutes`,
      { token: cluster.token },
    );
    assert.equal(unserved.status, 404);
  });

  it("fills in the Gateway API CRDs' defaults on create, as the API server does", async () => {
    const cluster = sim.simulator.cluster('alpha');
    const created = await request(
      sim.simulator,
      `${cluster.url}/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes`,
      {
        method: 'POST',
        token: cluster.token,
        contentType: 'application/json',
        body: JSON.stringify({
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'defaults', namespace: 'default' },
          spec: { parentRefs: [{ name: 'ingress' }], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] },
        }),
      },
    );
    assert.equal(created.status, 201, created.body);
    const spec = (JSON.parse(created.body) as { spec: Record<string, unknown> }).spec;
    assert.deepEqual(spec.parentRefs, [
      { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'ingress' },
    ]);
    assert.deepEqual(spec.rules, [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 80, weight: 1 }],
      },
    ]);
  });

  it('serves every Istio kind and version of schemas/index.json in discovery and as a list', async () => {
    const cluster = sim.simulator.cluster('alpha');
    const discovery = JSON.parse(
      (
        await request(sim.simulator, `${cluster.url}/apis`, {
          token: cluster.token,
          accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList',
        })
      ).body,
    ) as {
      items: {
        metadata: { name: string };
        versions: {
          version: string;
          resources: {
            resource: string;
            responseKind: { kind: string };
            scope: string;
            shortNames?: string[];
          }[];
        }[];
      }[];
    };
    // The index also lists the Gateway API kinds (for the editor); the simulator serves Istio's CRDs.
    const istioKinds = schemaIndex.kinds.filter((entry) => entry.group.endsWith('.istio.io'));
    assert.ok(istioKinds.length > 10);
    for (const entry of istioKinds) {
      const group = discovery.items.find((item) => item.metadata.name === entry.group);
      const served = group?.versions
        .find((version) => version.version === entry.version)
        ?.resources.find((resource) => resource.resource === entry.plural);
      assert.equal(served?.responseKind.kind, entry.kind, `${entry.apiVersion} ${entry.kind} in discovery`);
      assert.equal(served?.scope, 'Namespaced');
      assert.deepEqual(served?.shortNames ?? [], entry.shortNames);
      const list = await request(sim.simulator, `${cluster.url}/apis/${entry.apiVersion}/${entry.plural}`, {
        token: cluster.token,
      });
      assert.equal(list.status, 200, `${entry.apiVersion} ${entry.plural}: ${list.body}`);
      assert.equal((JSON.parse(list.body) as { kind: string }).kind, `${entry.kind}List`);
    }
  });

  it('publishes OpenAPI v3 that kubectl explain reads', async () => {
    const result = await sim.kubectl(
      '--context',
      'alpha',
      'explain',
      'destinationrule.spec.trafficPolicy.tls.mode',
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /KIND:\s+DestinationRule/);
    assert.match(result.stdout, /FIELD: mode <string>/);
  });
});
