// `meshwright analyze` output formats: the same finding (a VirtualService with `weight: fifty`) in text,
// JSON and SARIF, with exact positions, and SARIF validated against the official SARIF 2.1.0 schema.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import { CODES } from '../../server/src/mesh/codes';
import { caretRanges } from './support/caret-markers';
import {
  CLI_BUNDLE,
  FIXTURES,
  REPO_ROOT,
  assertCliBuilt,
  jsonDiagnostics,
  readFixture,
  runCli,
} from './support/cli-process';

const WEIGHT_FIFTY = 'weight-fifty.yaml';
const MULTI_DOCUMENT = 'multi-document.yaml';
const ESC = '\u001b';

describe('meshwright analyze: output formats', () => {
  before(assertCliBuilt);

  const [fiftyRange] = caretRanges(readFixture(WEIGHT_FIFTY));

  it('marks the weight value in the fixture (guards the caret marker itself)', () => {
    assert.deepEqual(fiftyRange, { start: { line: 13, character: 18 }, end: { line: 13, character: 23 } });
  });

  describe('JSON', () => {
    it('reports IST0106 on the value `fifty` with the object it is about', () => {
      const result = runCli(['analyze', WEIGHT_FIFTY, '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      const report = JSON.parse(result.stdout) as { version: number; diagnostics: unknown[] };
      assert.equal(report.version, 1);
      const [diagnostic, ...others] = jsonDiagnostics(result);
      assert.equal(others.length, 0);
      assert.deepEqual(Object.keys(diagnostic ?? {}), [
        'code',
        'severity',
        'message',
        'file',
        'range',
        'resource',
        'cluster',
        'related',
        'source',
      ]);
      assert.equal(diagnostic?.code, 'IST0106');
      assert.equal(diagnostic?.severity, 'error');
      assert.match(diagnostic?.message ?? '', /weight/);
      assert.equal(diagnostic?.file, WEIGHT_FIFTY);
      assert.deepEqual(diagnostic?.range, fiftyRange);
      assert.deepEqual(diagnostic?.resource, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'default',
        name: 'reviews',
      });
      assert.equal(diagnostic?.cluster, null);
      assert.deepEqual(diagnostic?.related, []);
    });

    it('prints nothing but the JSON document on stdout', () => {
      const result = runCli(['analyze', WEIGHT_FIFTY, '--format', 'json']);
      assert.doesNotThrow(() => JSON.parse(result.stdout));
      assert.equal(result.stderr, '');
    });
  });

  describe('text', () => {
    it('prints `file:line:col: severity CODE message` with 1-based line and column', () => {
      const result = runCli(['analyze', WEIGHT_FIFTY]);
      assert.equal(result.status, 1, result.stderr);
      const [json] = jsonDiagnostics(runCli(['analyze', WEIGHT_FIFTY, '--format', 'json']));
      assert.equal(result.stdout, `weight-fifty.yaml:14:19: error IST0106 ${json?.message}\n`);
    });

    it('writes the summary to stderr, keeping stdout to findings', () => {
      const result = runCli(['analyze', WEIGHT_FIFTY, 'clean.yaml']);
      assert.equal(result.stderr, '1 error in 1 file (2 files analyzed)\n');
      assert.doesNotMatch(result.stdout, /analyzed/);
    });

    it('has no colour when stdout is not a terminal', () => {
      const result = runCli(['analyze', WEIGHT_FIFTY]);
      assert.ok(!(result.stdout + result.stderr).includes(ESC), result.stdout);
    });

    it('colours findings on a terminal, unless NO_COLOR is set', () => {
      // `script` runs the CLI on a pseudo-terminal, as a person at a shell would.
      const command = [process.execPath, CLI_BUNDLE, 'analyze', WEIGHT_FIFTY]
        .map((part) => `'${part}'`)
        .join(' ');
      const onTerminal = (noColor: string | undefined): string => {
        const env = { ...process.env, NO_COLOR: noColor };
        if (noColor === undefined) delete env.NO_COLOR;
        const result = spawnSync('script', ['-qec', command, '/dev/null'], {
          cwd: FIXTURES,
          env,
          encoding: 'utf8',
        });
        assert.equal(result.status, 1, result.stderr);
        return result.stdout;
      };
      const coloured = onTerminal(undefined);
      assert.ok(coloured.includes(`${ESC}[31merror${ESC}[0m`), JSON.stringify(coloured));
      assert.ok(coloured.includes('IST0106'));
      const plain = onTerminal('1');
      assert.ok(!plain.includes(ESC), JSON.stringify(plain));
      assert.match(plain, /weight-fifty\.yaml:14:19: error IST0106/);
    });
  });

  describe('SARIF', () => {
    const sarifSchemaFile = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const validateSarif = new Ajv04({
      strict: false,
      allErrors: true,
      // The official schema has a language-tag pattern that is not valid in unicode mode.
      unicodeRegExp: false,
      formats: {
        uri: (value: string) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(value),
        'uri-reference': (value: string) => !/\s/.test(value),
        'date-time': (value: string) => !Number.isNaN(Date.parse(value)),
      },
    }).compile(JSON.parse(fs.readFileSync(sarifSchemaFile, 'utf8')) as object);

    interface SarifLog {
      $schema: string;
      version: string;
      runs: {
        tool: { driver: { name: string; version: string; rules: Record<string, unknown>[] } };
        originalUriBaseIds: Record<string, { uri: string }>;
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: {
            physicalLocation: {
              artifactLocation: { uri: string; uriBaseId?: string };
              region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            };
          }[];
        }[];
      }[];
    }

    const sarif = (args: readonly string[], cwd?: string): SarifLog => {
      const result = runCli(['analyze', ...args, '--format', 'sarif'], cwd ? { cwd } : {});
      assert.equal(result.stderr, '');
      return JSON.parse(result.stdout) as SarifLog;
    };

    it('is valid against the SARIF 2.1.0 schema', () => {
      for (const args of [
        [WEIGHT_FIFTY],
        ['tree', MULTI_DOCUMENT, 'malformed.yaml', 'junk.yaml'],
        ['clean.yaml'],
      ]) {
        const log = sarif(args);
        assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
      }
    });

    it('reports the same finding with a 1-based region and the rule that describes it', () => {
      const log = sarif([WEIGHT_FIFTY]);
      const [json] = jsonDiagnostics(runCli(['analyze', WEIGHT_FIFTY, '--format', 'json']));
      assert.equal(log.version, '2.1.0');
      assert.match(log.$schema, /sarif-2\.1\.0/);
      const [run] = log.runs;
      const packageVersion = (
        JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }
      ).version;
      assert.equal(run?.tool.driver.name, 'meshwright');
      assert.equal(run?.tool.driver.version, packageVersion);
      assert.deepEqual(run?.tool.driver.rules, [
        {
          id: 'IST0106',
          name: 'SchemaValidationError',
          shortDescription: { text: CODES.get('IST0106')?.summary },
          helpUri: 'https://istio.io/latest/docs/reference/config/analysis/ist0106/',
          defaultConfiguration: { level: 'error' },
        },
      ]);
      const [result, ...others] = run?.results ?? [];
      assert.equal(others.length, 0);
      assert.equal(result?.ruleId, 'IST0106');
      assert.equal(result?.ruleIndex, 0);
      assert.equal(result?.level, 'error');
      assert.equal(result?.message.text, json?.message);
      assert.deepEqual(result?.locations[0]?.physicalLocation, {
        artifactLocation: { uri: 'weight-fifty.yaml', uriBaseId: '%SRCROOT%' },
        region: { startLine: 14, startColumn: 19, endLine: 14, endColumn: 24 },
      });
      assert.deepEqual(run?.originalUriBaseIds['%SRCROOT%'], { uri: pathToFileURL(FIXTURES).href + '/' });
    });

    it('gives files in directories relative URIs with forward slashes, one rule per code', () => {
      const log = sarif(['tree', 'junk.yaml']);
      const run = log.runs[0];
      assert.deepEqual(
        run?.results.map((result) => result.locations[0]?.physicalLocation.artifactLocation.uri),
        [
          'tree/a-virtualservice.yaml',
          'tree/b-gateway.json',
          'tree/nested/destination-rule.yml',
          'junk.yaml',
        ],
      );
      assert.deepEqual(
        run?.tool.driver.rules.map((rule) => rule.id),
        ['IST0106', 'MESH001'],
      );
      assert.deepEqual(
        run?.results.map((result) => [result.ruleId, result.ruleIndex]),
        [
          ['IST0106', 0],
          ['IST0106', 0],
          ['IST0106', 0],
          ['MESH001', 1],
        ],
      );
    });

    it('makes paths relative to the working directory, whatever form they were given in', () => {
      const log = sarif([path.join(FIXTURES, 'tree', 'nested')], REPO_ROOT);
      assert.equal(
        log.runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri,
        'test/fixtures/cli/tree/nested/destination-rule.yml',
      );
    });
  });

  describe('the same finding in every format', () => {
    it('agrees on code, message and position across text, JSON and SARIF', () => {
      const text = runCli(['analyze', MULTI_DOCUMENT]).stdout.trim();
      const [json] = jsonDiagnostics(runCli(['analyze', MULTI_DOCUMENT, '--format', 'json']));
      const sarifLog = JSON.parse(runCli(['analyze', MULTI_DOCUMENT, '--format', 'sarif']).stdout) as {
        runs: {
          results: {
            ruleId: string;
            message: { text: string };
            locations: { physicalLocation: { region: { startLine: number; startColumn: number } } }[];
          }[];
        }[];
      };
      const sarifResult = sarifLog.runs[0]?.results[0];
      assert.ok(json && sarifResult);
      const line = json.range.start.line + 1;
      const column = json.range.start.character + 1;
      assert.equal(text, `${json.file}:${line}:${column}: ${json.severity} ${json.code} ${json.message}`);
      assert.equal(sarifResult.ruleId, json.code);
      assert.equal(sarifResult.message.text, json.message);
      assert.deepEqual(
        [
          sarifResult.locations[0]?.physicalLocation.region.startLine,
          sarifResult.locations[0]?.physicalLocation.region.startColumn,
        ],
        [line, column],
      );
    });
  });

  describe('multi-document files', () => {
    it('reports only the broken VirtualService; the Deployment and the Service stay clean', () => {
      const result = runCli(['analyze', MULTI_DOCUMENT, '--format', 'json']);
      assert.equal(result.status, 1, result.stderr);
      const diagnostics = jsonDiagnostics(result);
      assert.equal(diagnostics.length, 1);
      assert.deepEqual(diagnostics[0]?.range, caretRanges(readFixture(MULTI_DOCUMENT))[0]);
      assert.deepEqual(diagnostics[0]?.resource, {
        apiVersion: 'networking.istio.io/v1',
        kind: 'VirtualService',
        namespace: 'bookinfo',
        name: 'reviews',
      });
    });
  });

  describe('--namespace', () => {
    it('is where objects without metadata.namespace land', () => {
      const [diagnostic] = jsonDiagnostics(
        runCli(['analyze', WEIGHT_FIFTY, '--format', 'json', '--namespace', 'bookinfo-staging']),
      );
      assert.equal(diagnostic?.resource?.namespace, 'bookinfo-staging');
    });

    it('does not override metadata.namespace', () => {
      const [diagnostic] = jsonDiagnostics(
        runCli(['analyze', MULTI_DOCUMENT, '--format', 'json', '--namespace', 'other']),
      );
      assert.equal(diagnostic?.resource?.namespace, 'bookinfo');
    });
  });
});
