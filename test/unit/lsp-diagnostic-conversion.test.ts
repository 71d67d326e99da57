import assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { type MeshDiagnostic } from '../../server/src/mesh/diagnostic';
import { toLspDiagnostic } from '../../server/src/lsp/diagnostic-conversion';

const range = { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } };

function mesh(overrides: Partial<MeshDiagnostic>): MeshDiagnostic {
  return {
    code: 'IST0106',
    severity: 'error',
    message: 'VirtualService spec.hosts must be a list, not the string "reviews".',
    uri: 'file:///w/vs.yaml',
    range,
    cluster: null,
    related: [],
    ...overrides,
  };
}

describe('toLspDiagnostic', () => {
  it('carries range, code, source and message, and links IST codes to istio.io', () => {
    assert.deepEqual(toLspDiagnostic(mesh({})), {
      range,
      severity: DiagnosticSeverity.Error,
      code: 'IST0106',
      codeDescription: { href: 'https://istio.io/latest/docs/reference/config/analysis/ist0106/' },
      source: 'meshwright',
      message: 'VirtualService spec.hosts must be a list, not the string "reviews".',
      data: { cluster: null },
    });
  });

  it('maps every severity', () => {
    assert.equal(toLspDiagnostic(mesh({ severity: 'error' })).severity, DiagnosticSeverity.Error);
    assert.equal(toLspDiagnostic(mesh({ severity: 'warning' })).severity, DiagnosticSeverity.Warning);
    assert.equal(toLspDiagnostic(mesh({ severity: 'info' })).severity, DiagnosticSeverity.Information);
  });

  it('has no codeDescription for codes without a documentation page', () => {
    const converted = toLspDiagnostic(mesh({ code: 'MESH001' }));
    assert.equal(converted.code, 'MESH001');
    assert.equal('codeDescription' in converted, false);
  });

  it('turns related locations into relatedInformation, naming the cluster of a live copy', () => {
    const otherRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
    const converted = toLspDiagnostic(
      mesh({
        code: 'MESH201',
        severity: 'warning',
        related: [
          {
            uri: 'meshwright:/east/networking.istio.io/v1/VirtualService/bookinfo/reviews.yaml',
            range: otherRange,
            message: 'live copy differs in spec.http[0]',
            cluster: 'east',
          },
          {
            uri: 'file:///w/dr.yaml',
            range: otherRange,
            message: 'the DestinationRule defining the subsets',
          },
        ],
      }),
    );
    assert.deepEqual(converted.relatedInformation, [
      {
        location: {
          uri: 'meshwright:/east/networking.istio.io/v1/VirtualService/bookinfo/reviews.yaml',
          range: otherRange,
        },
        message: 'east: live copy differs in spec.http[0]',
      },
      {
        location: { uri: 'file:///w/dr.yaml', range: otherRange },
        message: 'the DestinationRule defining the subsets',
      },
    ]);
  });

  it('puts the resource, cluster and analyzer details into data', () => {
    const resource = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'VirtualService',
      namespace: 'bookinfo',
      name: 'reviews',
    };
    const converted = toLspDiagnostic(
      mesh({ resource, cluster: 'west', data: { targets: ['east', 'west'] } }),
    );
    assert.deepEqual(converted.data, { resource, cluster: 'west', details: { targets: ['east', 'west'] } });
  });
});
