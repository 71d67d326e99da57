/**
 * Bad input never crashes or hangs `meshwright analyze`: each case ends with findings (or none) and the
 * usual exit code, never an internal error, within the child process timeout (cli-process.ts).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOSTILE_DOCUMENTS } from '../unit/support/hostile-yaml';
import { assertCliBuilt, jsonDiagnostics, runCli } from './support/cli-process';

const findings = (...args: string[]): string[] => {
  const result = runCli(['analyze', '--format', 'json', ...args]);
  assert.doesNotMatch(result.stderr, /internal error/);
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return jsonDiagnostics(result).map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}`);
};

describe('meshwright analyze: bad input', () => {
  before(assertCliBuilt);

  it('reports duplicate keys as one MESH001 on the second key, and no schema noise', () => {
    assert.deepEqual(findings('bad-input/duplicate-keys.yaml'), ['MESH001 8:2']);
  });

  it('follows anchors, aliases and merge keys (a clean file stays clean)', () => {
    assert.deepEqual(findings('bad-input/anchors.yaml'), []);
  });

  it('does not expand an alias bomb, and still analyses the documents after it', () => {
    assert.deepEqual(findings('bad-input/alias-bomb.yaml'), ['IST0106 27:16']);
  });

  it('reports tab indentation as a syntax error, without schema errors about the parser recovery', () => {
    const found = findings('bad-input/tabs.yaml');
    assert.ok(found.length > 0 && found.every((f) => f.startsWith('MESH001 7:')), found.join());
  });

  it('reports a Helm template once (MESH002), and nothing else', () => {
    const result = runCli(['analyze', '--format', 'json', 'bad-input/helm-template.yaml']);
    assert.equal(result.status, 0, result.stderr);
    const diagnostics = jsonDiagnostics(result);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['MESH002', 'info', { start: { line: 3, character: 8 }, end: { line: 3, character: 10 } }]],
    );
    assert.match(diagnostics[0]?.message ?? '', /Helm template .* Render it \(helm template\)/);
  });

  it('reports an object without metadata.name through the schema, naming the object by kind', () => {
    const result = runCli(['analyze', '--format', 'json', 'bad-input/no-name.yaml']);
    const diagnostics = jsonDiagnostics(result);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.message, d.resource]),
      [
        [
          'IST0106',
          'Gateway metadata is missing the required field "name".',
          { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', namespace: 'istio-system', name: '' },
        ],
      ],
    );
  });

  it('reports unknown Istio versions and kinds, and leaves unknown non-Istio kinds alone', () => {
    const result = runCli(['analyze', '--format', 'json', 'bad-input/unknown-kinds.yaml']);
    assert.deepEqual(
      jsonDiagnostics(result).map((d) => [d.code, d.range.start.line, d.message]),
      [
        [
          'IST0106',
          0,
          'Unknown version of networking.istio.io. Served versions: networking.istio.io/v1, networking.istio.io/v1alpha3, networking.istio.io/v1beta1.',
        ],
        [
          'IST0106',
          9,
          'networking.istio.io/v1 has no such kind. Kinds: DestinationRule, Gateway, ServiceEntry, Sidecar, VirtualService, WorkloadEntry, WorkloadGroup.',
        ],
      ],
    );
  });

  it('reports binary junk in a walked directory as MESH001 and analyses the other files', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-junk-'));
    try {
      fs.writeFileSync(
        path.join(directory, 'a-junk.yaml'),
        Buffer.from([0x41, 0x3a, 0x20, 0x00, 0xff, 0x10, 0x0a]),
      );
      fs.copyFileSync(
        path.resolve(__dirname, '../fixtures/cli/bad-input/no-name.yaml'),
        path.join(directory, 'b.yaml'),
      );
      const result = runCli(['analyze', '--format', 'json', '.'], { cwd: directory });
      assert.deepEqual(
        jsonDiagnostics(result).map((d) => `${d.file} ${d.code}`),
        ['a-junk.yaml MESH001', 'b.yaml IST0106'],
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  for (const { shape, text, bound } of HOSTILE_DOCUMENTS) {
    it(`reports ${shape} as MESH001 within seconds and analyses the other file, in text and JSON`, function () {
      this.timeout(10_000);
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-hostile-'));
      try {
        fs.writeFileSync(path.join(directory, 'a-hostile.yaml'), text);
        fs.copyFileSync(
          path.resolve(__dirname, '../fixtures/cli/bad-input/no-name.yaml'),
          path.join(directory, 'b.yaml'),
        );
        const json = runCli(['analyze', '--format', 'json', '.'], { cwd: directory });
        assert.equal(json.status, 1, json.stderr);
        const diagnostics = jsonDiagnostics(json);
        assert.deepEqual(
          diagnostics.map((d) => `${d.file} ${d.code} ${d.range.start.line}`),
          ['a-hostile.yaml MESH001 0', 'b.yaml IST0106 2'],
        );
        assert.match(diagnostics[0]?.message ?? '', bound);
        const plain = runCli(['analyze', '.'], { cwd: directory, env: { NO_COLOR: '1' } });
        assert.equal(plain.status, 1, plain.stderr);
        assert.match(plain.stdout, /a-hostile\.yaml.*MESH001/s);
        assert.match(plain.stdout, /b\.yaml.*IST0106/s);
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });
  }

  for (const { shape, text } of HOSTILE_DOCUMENTS) {
    it(`reads an istio ConfigMap whose mesh config is ${shape} within seconds, as a document and as --mesh-config`, function () {
      this.timeout(10_000);
      const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-hostile-mesh-'));
      try {
        const indented = text.trimEnd().replace(/^/gm, '    ');
        fs.writeFileSync(
          path.join(directory, 'istio.yaml'),
          `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |\n${indented}\n`,
        );
        fs.copyFileSync(
          path.resolve(__dirname, '../fixtures/cli/bad-input/no-name.yaml'),
          path.join(directory, 'b.yaml'),
        );
        const asDocument = runCli(['analyze', '--format', 'json', '.'], { cwd: directory });
        assert.equal(asDocument.status, 1, asDocument.stderr);
        assert.ok(jsonDiagnostics(asDocument).some((d) => d.file === 'b.yaml' && d.code === 'IST0106'));
        const asMeshConfig = runCli(
          ['analyze', '--format', 'json', '--mesh-config', 'istio.yaml', 'b.yaml'],
          {
            cwd: directory,
          },
        );
        assert.equal(asMeshConfig.status, 1, asMeshConfig.stderr);
        const found = jsonDiagnostics(asMeshConfig).map((d) => `${d.file} ${d.code} ${d.message}`);
        assert.ok(
          found.some((line) =>
            /^istio\.yaml MESH001 .*not valid YAML: (YAML .* deeper than|Excessive alias count)/.test(line),
          ),
          found.join('\n'),
        );
        assert.ok(found.some((line) => line.startsWith('b.yaml IST0106')));
      } finally {
        fs.rmSync(directory, { recursive: true, force: true });
      }
    });
  }

  it('analyses a 10 MB file and reports the one problem at its end on the right line', function () {
    this.timeout(120_000);
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-big-'));
    try {
      // A `kubectl get configmaps -A -o yaml` dump (a List of 2,000 ConfigMaps, 5 KB each), then a Gateway.
      const data = Array.from({ length: 80 }, (_, i) => `    key-${i}: "${'x'.repeat(56)}"`).join('\n');
      const items = Array.from(
        { length: 2_000 },
        (_, i) =>
          `- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: settings-${i}\n    namespace: team-${i % 20}\n  data:\n${data}\n`,
      );
      const dump = `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
      const gateway =
        'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n  namespace: istio-system\n' +
        'spec:\n  selector:\n    istio: ingressgateway\n  servers:\n    - port: {number: eighty, name: http, protocol: HTTP}\n      hosts: ["*"]\n';
      const text = `${dump}---\n${gateway}`;
      assert.ok(text.length > 10 * 1024 * 1024, `${text.length} bytes`);
      fs.writeFileSync(path.join(directory, 'dump.yaml'), text);
      const lastLine = text.split('\n').length - 1;
      const result = runCli(['analyze', '--format', 'json', 'dump.yaml'], { cwd: directory });
      assert.equal(result.status, 1, result.stderr);
      assert.deepEqual(
        jsonDiagnostics(result).map((d) => [d.code, d.range.start.line]),
        [['IST0106', lastLine - 2]],
      );
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
