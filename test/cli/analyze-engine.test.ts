/**
 * `meshwright analyze` with the analysis engine, as users run it (the built CLI as a child process):
 * a folder of mixed Istio and Kubernetes YAML reports the catalogue's conditions with exact ranges and
 * resources; `--cluster` gives clusters their own state (IST0170 names the cluster in every format);
 * suppression by annotation and `--suppress`; `--mesh-config` in both forms and `--mesh-networks`.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { FIXTURES, assertCliBuilt, jsonDiagnostics, runCli } from './support/cli-process';
import { comparable, expectedUnder, sortedByPlace } from './support/expected-diagnostics';

interface SarifResult {
  ruleId: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
  relatedLocations?: { message: { text: string }; physicalLocation: { artifactLocation: { uri: string } } }[];
  properties?: { resource?: unknown; cluster?: string };
}

const MULTICLUSTER = [
  'multicluster/routes.yaml',
  '--cluster',
  'east=multicluster/clusters/east',
  '--cluster',
  'west=multicluster/clusters/west',
];

describe('meshwright analyze: the analysis engine', () => {
  before(assertCliBuilt);

  describe('a folder of mixed Istio and Kubernetes YAML', () => {
    it('reports exactly the marked conditions, with their codes, ranges and resources', () => {
      const result = runCli(['analyze', 'mesh', '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      const actual = sortedByPlace(jsonDiagnostics(result).map(comparable));
      const expected = sortedByPlace(expectedUnder(path.join(FIXTURES, 'mesh'), 'mesh'));
      assert.deepEqual(actual, expected);
      assert.deepEqual([...new Set(expected.map((d) => d.code))].sort(), [
        'IST0101',
        'IST0102',
        'IST0106',
        'IST0132',
        'IST0173',
        'IST0174',
      ]);
    });

    it('gives each finding its catalogue severity, apiVersion, and related locations where they explain it', () => {
      const diagnostics = jsonDiagnostics(runCli(['analyze', 'mesh', '--format', 'json']));
      const severities = Object.fromEntries(diagnostics.map((d) => [d.code, d.severity]));
      assert.deepEqual(severities, {
        IST0101: 'error',
        IST0102: 'info',
        IST0106: 'error',
        IST0132: 'warning',
        IST0173: 'error',
        IST0174: 'warning',
      });
      const subset = diagnostics.find((d) => d.code === 'IST0101' && /subset v3/.test(d.message));
      assert.equal(subset?.resource?.apiVersion, 'networking.istio.io/v1');
      assert.deepEqual(subset?.related, [
        {
          file: 'mesh/routing/reviews.yaml',
          range: { start: { line: 32, character: 2 }, end: { line: 32, character: 9 } },
          message: 'subsets of DestinationRule bookinfo/reviews',
          cluster: null,
        },
      ]);
      const text = runCli(['analyze', 'mesh']).stdout;
      assert.match(
        text,
        /^ {2}mesh\/routing\/reviews\.yaml:33:3: note: subsets of DestinationRule bookinfo\/reviews$/m,
      );
    });

    it('assumes the default ingress gateway offline, unless the files define one', () => {
      // The Gateway of the fixture selects istio=ingressgateway: no finding about its selector.
      const diagnostics = jsonDiagnostics(runCli(['analyze', 'mesh', '--format', 'json']));
      assert.ok(!diagnostics.some((d) => d.resource?.kind === 'Gateway'), JSON.stringify(diagnostics));
    });
  });

  describe('--cluster NAME=PATH: clusters from files', () => {
    it("reports IST0170 once for a Service whose ports differ, on the first cluster's copy, naming the clusters (JSON)", () => {
      const result = runCli(['analyze', ...MULTICLUSTER, '--format', 'json']);
      assert.equal(result.status, 0, result.stderr); // warnings only
      const diagnostics = jsonDiagnostics(result);
      assert.deepEqual(
        sortedByPlace(diagnostics.map(comparable)),
        sortedByPlace(expectedUnder(path.join(FIXTURES, 'multicluster'), 'multicluster')),
      );
      const east = diagnostics.find((d) => d.cluster === 'east');
      assert.match(east?.message ?? '', /^Service bookinfo\/reviews differs across clusters east, west: /);
      assert.deepEqual(east?.related, [
        {
          file: 'multicluster/clusters/west/reviews.yaml',
          range: (east?.related[0] as { range: unknown } | undefined)?.range,
          message: 'Service bookinfo/reviews in cluster west',
          cluster: 'west',
        },
      ]);
    });

    it('ends the text line with the cluster, and the note with the other cluster', () => {
      const result = runCli(['analyze', ...MULTICLUSTER]);
      const lines = result.stdout.trimEnd().split('\n');
      assert.match(
        lines[0] ?? '',
        /^multicluster\/clusters\/east\/reviews\.yaml:11:13: warning IST0170 Service bookinfo\/reviews differs across clusters east, west: .* \[cluster east\]$/,
      );
      assert.match(
        lines[1] ?? '',
        /^ {2}multicluster\/clusters\/west\/reviews\.yaml:\d+:\d+: note: .* \[cluster west\]$/,
      );
      assert.equal(result.stderr, '1 warning in 1 file (3 files analyzed)\n');
    });

    it('puts the cluster in the SARIF result properties and related location messages', () => {
      const result = runCli(['analyze', ...MULTICLUSTER, '--format', 'sarif']);
      const log = JSON.parse(result.stdout) as { runs: { results: SarifResult[] }[] };
      const results = log.runs[0]?.results ?? [];
      assert.deepEqual(
        results.map((r) => [
          r.ruleId,
          r.properties?.cluster,
          r.locations[0]?.physicalLocation.artifactLocation.uri,
        ]),
        [['IST0170', 'east', 'multicluster/clusters/east/reviews.yaml']],
      );
      assert.match(results[0]?.relatedLocations?.[0]?.message.text ?? '', /\[cluster west\]$/);
    });

    it('takes files as well as directories, comma-separated', () => {
      const result = runCli([
        'analyze',
        'multicluster/routes.yaml',
        '--cluster',
        'east=multicluster/clusters/east/reviews.yaml',
        '--cluster',
        'west=multicluster/clusters/west/reviews.yaml,multicluster/clusters/west',
        '--format',
        'json',
      ]);
      assert.deepEqual(
        jsonDiagnostics(result).map((d) => [d.code, d.cluster]),
        [['IST0170', 'east']],
      );
    });

    it("leaves a cluster's files out of the documents, even when PATHS walks over them", () => {
      const result = runCli(
        ['analyze', '--cluster', 'east=clusters/east', '--cluster', 'west=clusters/west', '--format', 'json'],
        { cwd: path.join(FIXTURES, 'multicluster') },
      );
      assert.deepEqual(
        jsonDiagnostics(result).map((d) => [d.file, d.cluster]),
        [['clusters/east/reviews.yaml', 'east']],
      );
    });

    it('exits 2 on a cluster path that does not exist, naming the option', () => {
      const result = runCli([
        'analyze',
        'multicluster/routes.yaml',
        '--cluster',
        'east=multicluster/clusters/north',
      ]);
      assert.equal(result.status, 2);
      assert.equal(
        result.stderr,
        `meshwright: --cluster east: multicluster/clusters/north: no such file or directory; check the path (relative paths start at ${FIXTURES})\n`,
      );
      assert.equal(result.stdout, '');
    });
  });

  describe('suppression', () => {
    it('honours the galley.istio.io/analyze-suppress annotation', () => {
      const result = runCli(['analyze', 'suppression', '--format', 'json']);
      assert.deepEqual(
        sortedByPlace(jsonDiagnostics(result).map(comparable)),
        sortedByPlace(expectedUnder(path.join(FIXTURES, 'suppression'), 'suppression')),
      );
    });

    it('hides findings matching --suppress "CODE=Kind name.namespace" with wildcards', () => {
      const suppressed = (...patterns: string[]): string[] =>
        jsonDiagnostics(
          runCli(['analyze', 'mesh', '--format', 'json', ...patterns.flatMap((p) => ['--suppress', p])]),
        ).map((d) => `${d.code} ${d.resource?.kind} ${d.resource?.name}`);
      const all = suppressed();
      assert.deepEqual(
        suppressed('IST0101=VirtualService *.bookinfo'),
        all.filter((line) => !line.startsWith('IST0101 VirtualService')),
      );
      // A cluster-scoped object is matched by its name alone; codes take wildcards too.
      assert.deepEqual(
        suppressed('IST0102=Namespace legacy', 'IST017*=DestinationRule reviews.*'),
        all.filter(
          (line) => line !== 'IST0102 Namespace legacy' && line !== 'IST0173 DestinationRule reviews',
        ),
      );
      assert.deepEqual(suppressed('*=* *'), []);
    });

    it('exits 2 on a pattern it cannot read, before analyzing anything', () => {
      const result = runCli(['analyze', 'mesh', '--suppress', 'IST0101 VirtualService reviews']);
      assert.equal(result.status, 2);
      assert.equal(result.stdout, '');
      assert.match(
        result.stderr,
        /^meshwright: --suppress "IST0101 VirtualService reviews" is not of the form CODE=Kind name\.namespace; e\.g\./,
      );
    });
  });

  describe('--mesh-config and --mesh-networks', () => {
    const serviceEntryCodes = (...extra: string[]): string[] =>
      jsonDiagnostics(
        runCli(['analyze', 'mesh-config/service-entry.yaml', '--format', 'json', ...extra]),
      ).map((d) => `${d.code} ${d.file}`);

    it('reports IST0134 with the default mesh config', () => {
      assert.deepEqual(serviceEntryCodes(), ['IST0134 mesh-config/service-entry.yaml']);
    });

    it('reads a raw MeshConfig document: DNS auto allocation silences IST0134', () => {
      assert.deepEqual(serviceEntryCodes('--mesh-config', 'mesh-config/mesh-config.yaml'), []);
    });

    it('reads the istio ConfigMap form', () => {
      assert.deepEqual(serviceEntryCodes('--mesh-config', 'mesh-config/istio-configmap.yaml'), []);
    });

    it('reports a mesh config it cannot read as MESH001 on that file, and goes on with the defaults', () => {
      const result = runCli([
        'analyze',
        'mesh-config/service-entry.yaml',
        '--mesh-config',
        'mesh-config/broken.yaml',
        '--format',
        'json',
      ]);
      const diagnostics = jsonDiagnostics(result);
      assert.deepEqual(
        diagnostics.map((d) => `${d.code} ${d.file}`),
        ['IST0134 mesh-config/service-entry.yaml', 'MESH001 mesh-config/broken.yaml'],
      );
      assert.match(
        diagnostics[1]?.message ?? '',
        /^--mesh-config file cannot be read: .*Istio's defaults are used/,
      );
    });

    it('reads --mesh-networks, and reports it as MESH001 when it is not YAML', () => {
      // Without clusters only the built-in registries exist: both fromRegistry values are unknown (IST0126).
      assert.deepEqual(serviceEntryCodes('--mesh-networks', 'mesh-config/mesh-networks.yaml'), [
        'IST0134 mesh-config/service-entry.yaml',
        'IST0126 mesh-config/mesh-networks.yaml',
        'IST0126 mesh-config/mesh-networks.yaml',
      ]);
      assert.deepEqual(serviceEntryCodes('--mesh-networks', 'mesh-config/broken.yaml'), [
        'IST0134 mesh-config/service-entry.yaml',
        'MESH001 mesh-config/broken.yaml',
      ]);
    });

    it('reports IST0126 on the fromRegistry of --mesh-networks that no --cluster or remote secret has', () => {
      const diagnostics = jsonDiagnostics(
        runCli([
          'analyze',
          'mesh-config/service-entry.yaml',
          '--mesh-networks',
          'mesh-config/mesh-networks.yaml',
          '--cluster',
          'east=multicluster/clusters/east',
          '--format',
          'json',
        ]),
      ).filter((d) => d.code === 'IST0126');
      assert.deepEqual(
        diagnostics.map((d) => [d.file, d.range.start.line, d.range.start.character, d.range.end.character]),
        [['mesh-config/mesh-networks.yaml', 9, 22, 29]],
      );
      assert.match(diagnostics[0]?.message ?? '', /network network2 fromRegistry "nowhere"/);
      assert.match(
        diagnostics[0]?.message ?? '',
        /Known registries: Kubernetes, External, east \(cluster east\)/,
      );
    });

    it('exits 2 when the mesh config file does not exist or is a directory', () => {
      const missing = runCli(['analyze', 'mesh', '--mesh-config', 'mesh-config/nothing.yaml']);
      assert.equal(missing.status, 2);
      assert.match(
        missing.stderr,
        /^meshwright: --mesh-config: mesh-config\/nothing\.yaml: no such file or directory;/,
      );
      const directory = runCli(['analyze', 'mesh', '--mesh-config', 'mesh-config']);
      assert.equal(directory.status, 2);
      assert.equal(
        directory.stderr,
        'meshwright: --mesh-config mesh-config is a directory; give --mesh-config one YAML file\n',
      );
    });
  });
});
