/**
 * What the simulator serves: every Istio kind and version of schemas/index.json (listed in discovery and
 * listable), from CRD metadata that matches the CRDs, with OpenAPI v3 that `kubectl explain` reads.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  CRD_SOURCE,
  METADATA_FILE,
  crdMetadataFromSource,
  metadataIsCurrent,
} from '../../simulator/scripts/generate-crd-metadata';
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

  it('istio-crd-metadata.json matches the CRDs in schemas/source (regenerate with simulator/scripts/generate-crd-metadata.ts)', () => {
    const expected = crdMetadataFromSource(fs.readFileSync(CRD_SOURCE, 'utf8'));
    assert.ok(metadataIsCurrent(fs.readFileSync(METADATA_FILE, 'utf8'), expected));
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
