import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CODES } from '../../server/src/mesh/codes';
import { type MeshDiagnostic, type Severity } from '../../server/src/mesh/diagnostic';
import { AnalysisReport } from '../../server/src/cli/analysis-report';
import { colourEnabled } from '../../server/src/cli/cli-environment';
import { exitCodeForFindings } from '../../server/src/cli/exit-codes';
import { formatJson } from '../../server/src/cli/format-json';
import { formatSarif } from '../../server/src/cli/format-sarif';
import { formatSummary, formatText } from '../../server/src/cli/format-text';
import { STDIN_URI } from '../../server/src/cli/input-files';

const CWD = path.resolve('/work/repo');
const uriOf = (relative: string): string => pathToFileURL(path.join(CWD, relative)).href;
const VS_URI = uriOf('policies/vs.yaml');
const DR_URI = uriOf('policies/with space/dr.yaml');
const OUTSIDE_URI = pathToFileURL(path.resolve('/elsewhere/gw.yaml')).href;
const LIVE_URI = 'meshwright:/east/networking.istio.io/v1/DestinationRule/bookinfo/reviews.yaml';

function diagnostic(
  uri: string,
  line: number,
  severity: Severity,
  code: string,
  extra: Partial<MeshDiagnostic> = {},
): MeshDiagnostic {
  return {
    code,
    severity,
    message: `${code} message`,
    uri,
    range: { start: { line, character: 4 }, end: { line, character: 9 } },
    cluster: null,
    related: [],
    ...extra,
  };
}

const FILES = [
  { uri: VS_URI, displayPath: 'policies/vs.yaml' },
  { uri: DR_URI, displayPath: 'policies/with space/dr.yaml' },
  { uri: STDIN_URI, displayPath: '-' },
  { uri: OUTSIDE_URI, displayPath: '../../elsewhere/gw.yaml' },
];

const RESOURCE = {
  apiVersion: 'networking.istio.io/v1',
  kind: 'VirtualService',
  namespace: 'bookinfo',
  name: 'reviews',
};

/** Deliberately out of order: the report sorts. */
const DIAGNOSTICS: MeshDiagnostic[] = [
  diagnostic(DR_URI, 2, 'info', 'IST0118'),
  diagnostic(VS_URI, 12, 'error', 'IST0106', {
    resource: RESOURCE,
    message: 'weight must be an integer,\n  not "fifty"',
    data: { internal: true },
  }),
  diagnostic(VS_URI, 3, 'warning', 'MESH205', {
    resource: RESOURCE,
    related: [
      {
        uri: LIVE_URI,
        range: { start: { line: 7, character: 2 }, end: { line: 7, character: 6 } },
        message: 'subset v2 is defined here',
        cluster: 'east',
      },
      {
        uri: DR_URI,
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
        message: 'but not here',
      },
    ],
  }),
  diagnostic(STDIN_URI, 0, 'error', 'MESH001'),
  diagnostic(OUTSIDE_URI, 5, 'error', 'IST9999'),
];

const report = new AnalysisReport(FILES, DIAGNOSTICS);

describe('cli report: AnalysisReport', () => {
  it('orders by input file, then by position', () => {
    assert.deepEqual(
      report.diagnostics.map((d) => [report.displayPath(d.uri), d.range.start.line]),
      [
        ['policies/vs.yaml', 3],
        ['policies/vs.yaml', 12],
        ['policies/with space/dr.yaml', 2],
        ['-', 0],
        ['../../elsewhere/gw.yaml', 5],
      ],
    );
  });

  it('shows a URI that is no input file as itself', () => {
    assert.equal(report.displayPath(LIVE_URI), LIVE_URI);
  });

  it('counts by severity and files with findings', () => {
    assert.deepEqual([report.count('error'), report.count('warning'), report.count('info')], [3, 1, 1]);
    assert.equal(report.filesWithFindings(), 4);
  });
});

describe('cli format: text', () => {
  it('prints compiler-style lines, 1-based, related locations as notes', () => {
    assert.equal(
      formatText(report, { colour: false }),
      [
        'policies/vs.yaml:4:5: warning MESH205 MESH205 message',
        `  ${LIVE_URI}:8:3: note: subset v2 is defined here [cluster east]`,
        '  policies/with space/dr.yaml:2:1: note: but not here',
        'policies/vs.yaml:13:5: error IST0106 weight must be an integer, not "fifty"',
        'policies/with space/dr.yaml:3:5: info IST0118 IST0118 message',
        '-:1:5: error MESH001 MESH001 message',
        '../../elsewhere/gw.yaml:6:5: error IST9999 IST9999 message',
        '',
      ].join('\n'),
    );
  });

  it('prints nothing when there is nothing to report', () => {
    assert.equal(formatText(new AnalysisReport(FILES, []), { colour: false }), '');
  });

  it('colours location, severity and code when asked', () => {
    const [line] = formatText(new AnalysisReport(FILES, [DIAGNOSTICS[1] as MeshDiagnostic]), {
      colour: true,
    }).split('\n');
    assert.equal(
      line,
      '\u001b[1mpolicies/vs.yaml:13:5:\u001b[0m \u001b[31merror\u001b[0m \u001b[2mIST0106\u001b[0m weight must be an integer, not "fifty"',
    );
  });

  it('summarizes counts, files with findings and files analyzed', () => {
    assert.equal(
      formatSummary(report, { colour: false }),
      '3 errors, 1 warning, 1 info in 4 files (4 files analyzed)\n',
    );
    const one = new AnalysisReport(FILES.slice(0, 1), [DIAGNOSTICS[1] as MeshDiagnostic]);
    assert.equal(formatSummary(one, { colour: false }), '1 error in 1 file (1 file analyzed)\n');
    assert.equal(
      formatSummary(new AnalysisReport(FILES, []), { colour: false }),
      'no problems (4 files analyzed)\n',
    );
    assert.equal(
      formatSummary(new AnalysisReport([], []), { colour: false }),
      'no problems (0 files analyzed)\n',
    );
  });

  it('colours only on a terminal with NO_COLOR unset or empty', () => {
    const terminal = { write: () => undefined, isTTY: true };
    const pipe = { write: () => undefined, isTTY: false };
    assert.equal(colourEnabled(terminal, {}), true);
    assert.equal(colourEnabled(terminal, { NO_COLOR: '' }), true);
    assert.equal(colourEnabled(terminal, { NO_COLOR: '1' }), false);
    assert.equal(colourEnabled(pipe, {}), false);
  });
});

describe('cli format: JSON', () => {
  const parsed = JSON.parse(formatJson(report, { name: 'meshwright', version: '9.8.7' })) as {
    version: number;
    tool: unknown;
    diagnostics: Record<string, unknown>[];
  };

  it('is version 1 with the diagnostics in report order', () => {
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.tool, { name: 'meshwright', version: '9.8.7' });
    assert.deepEqual(
      parsed.diagnostics.map((d) => d.file),
      ['policies/vs.yaml', 'policies/vs.yaml', 'policies/with space/dr.yaml', '-', '../../elsewhere/gw.yaml'],
    );
  });

  it('has exactly the contract fields, with zero-based ranges, and nothing internal', () => {
    assert.deepEqual(parsed.diagnostics[1], {
      code: 'IST0106',
      severity: 'error',
      message: 'weight must be an integer,\n  not "fifty"',
      file: 'policies/vs.yaml',
      range: { start: { line: 12, character: 4 }, end: { line: 12, character: 9 } },
      resource: RESOURCE,
      cluster: null,
      related: [],
      source: null,
    });
  });

  it('gives related locations the same path convention and an explicit cluster', () => {
    assert.deepEqual(parsed.diagnostics[0]?.related, [
      {
        file: LIVE_URI,
        range: { start: { line: 7, character: 2 }, end: { line: 7, character: 6 } },
        message: 'subset v2 is defined here',
        cluster: 'east',
      },
      {
        file: 'policies/with space/dr.yaml',
        range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
        message: 'but not here',
        cluster: null,
      },
    ]);
  });

  it('writes null for a diagnostic without a resource', () => {
    assert.equal(parsed.diagnostics[3]?.resource, null);
  });
});

describe('cli format: SARIF', () => {
  interface Location {
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId?: string };
      region: Record<string, number>;
    };
    message?: { text: string };
    id?: number;
  }
  interface Result {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: Location[];
    relatedLocations?: Location[];
    properties?: Record<string, unknown>;
  }
  const log = JSON.parse(
    formatSarif(report, {
      cwd: CWD,
      toolVersion: '1.2.3',
      informationUri: 'https://example.test/meshwright',
    }),
  ) as {
    runs: {
      tool: { driver: Record<string, unknown> & { rules: Record<string, unknown>[] } };
      originalUriBaseIds: Record<string, { uri: string }>;
      results: Result[];
    }[];
  };
  const run = log.runs[0];
  const results = run?.results ?? [];

  it('describes the tool and one rule per code that appears, sorted', () => {
    assert.equal(run?.tool.driver.name, 'meshwright');
    assert.equal(run?.tool.driver.version, '1.2.3');
    assert.equal(run?.tool.driver.informationUri, 'https://example.test/meshwright');
    assert.deepEqual(
      run?.tool.driver.rules.map((rule) => rule.id),
      ['IST0106', 'IST0118', 'IST9999', 'MESH001', 'MESH205'],
    );
    assert.deepEqual(run?.tool.driver.rules[1], {
      id: 'IST0118',
      name: CODES.get('IST0118')?.name,
      shortDescription: { text: CODES.get('IST0118')?.summary },
      helpUri: 'https://istio.io/latest/docs/reference/config/analysis/ist0118/',
      defaultConfiguration: { level: 'note' },
    });
  });

  it('still describes a code missing from the catalogue', () => {
    assert.deepEqual(run?.tool.driver.rules[2], {
      id: 'IST9999',
      shortDescription: { text: 'Meshwright check IST9999.' },
      helpUri: 'https://istio.io/latest/docs/reference/config/analysis/ist9999/',
    });
  });

  it('maps severities to levels and points each result at its rule', () => {
    assert.deepEqual(
      results.map((result) => [result.ruleId, result.ruleIndex, result.level]),
      [
        ['MESH205', 4, 'warning'],
        ['IST0106', 0, 'error'],
        ['IST0118', 1, 'note'],
        ['MESH001', 3, 'error'],
        ['IST9999', 2, 'error'],
      ],
    );
  });

  it('uses 1-based regions with an exclusive end column', () => {
    assert.deepEqual(results[1]?.locations[0]?.physicalLocation.region, {
      startLine: 13,
      startColumn: 5,
      endLine: 13,
      endColumn: 10,
    });
  });

  it('gives files under the working directory encoded relative URIs against %SRCROOT%', () => {
    assert.deepEqual(results[2]?.locations[0]?.physicalLocation.artifactLocation, {
      uri: 'policies/with%20space/dr.yaml',
      uriBaseId: '%SRCROOT%',
    });
    assert.deepEqual(run?.originalUriBaseIds, { '%SRCROOT%': { uri: `${pathToFileURL(CWD).href}/` } });
  });

  it('gives files outside it absolute file URIs, and standard input `-`', () => {
    assert.deepEqual(results[4]?.locations[0]?.physicalLocation.artifactLocation, { uri: OUTSIDE_URI });
    assert.deepEqual(results[3]?.locations[0]?.physicalLocation.artifactLocation, { uri: '-' });
  });

  it('carries related locations (with their cluster) and the resource', () => {
    assert.deepEqual(results[0]?.relatedLocations, [
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: LIVE_URI },
          region: { startLine: 8, startColumn: 3, endLine: 8, endColumn: 7 },
        },
        message: { text: 'subset v2 is defined here [cluster east]' },
      },
      {
        id: 1,
        physicalLocation: {
          artifactLocation: { uri: 'policies/with%20space/dr.yaml', uriBaseId: '%SRCROOT%' },
          region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 4 },
        },
        message: { text: 'but not here' },
      },
    ]);
    assert.deepEqual(results[0]?.properties, { resource: RESOURCE });
    assert.equal(results[3]?.properties, undefined);
  });

  it('is an empty run when there is nothing to report', () => {
    const empty = JSON.parse(
      formatSarif(new AnalysisReport(FILES, []), { cwd: CWD, toolVersion: '1.2.3' }),
    ) as {
      runs: { tool: { driver: Record<string, unknown> }; results: unknown[] }[];
    };
    assert.deepEqual(empty.runs[0]?.results, []);
    assert.deepEqual(empty.runs[0]?.tool.driver.rules, []);
    assert.equal('informationUri' in (empty.runs[0]?.tool.driver ?? {}), false);
  });
});

describe('cli exit codes: exitCodeForFindings', () => {
  const only = (severity: Severity) => [diagnostic(VS_URI, 0, severity, 'IST0106')];

  it('fails on findings at or above the threshold', () => {
    const table: [Severity, 'error' | 'warning' | 'info' | 'none', number][] = [
      ['error', 'error', 1],
      ['warning', 'error', 0],
      ['info', 'error', 0],
      ['warning', 'warning', 1],
      ['info', 'warning', 0],
      ['error', 'warning', 1],
      ['info', 'info', 1],
      ['error', 'none', 0],
    ];
    for (const [severity, failOn, expected] of table) {
      assert.equal(
        exitCodeForFindings(only(severity), failOn),
        expected,
        `${severity} with --fail-on ${failOn}`,
      );
    }
  });

  it('is 0 without findings', () => {
    assert.equal(exitCodeForFindings([], 'info'), 0);
  });
});
