/**
 * `meshwright analyze` runs the Gateway API reference and ambient checks (MESH401-MESH406) against
 * cluster files, per targeted cluster: one finding of each on shop.yaml, exactly where the carets mark
 * it, and none on its near miss.
 */
import assert from 'node:assert/strict';
import { caretRanges } from './support/caret-markers';
import { assertCliBuilt, jsonDiagnostics, readFixture, runCli } from './support/cli-process';

const CLUSTERS = [
  '--cluster',
  'east=gateway-api/clusters/east',
  '--cluster',
  'west=gateway-api/clusters/west',
];
const GATEWAY_API_CODES = /^MESH40\d$/;

function gatewayApiFindings(file: string): { code: string; message: string; range: unknown }[] {
  const result = runCli(['analyze', file, ...CLUSTERS, '--format', 'json']);
  assert.doesNotMatch(result.stderr, /internal error/);
  assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
  return jsonDiagnostics(result)
    .filter((d) => GATEWAY_API_CODES.test(d.code))
    .map((d) => ({ code: d.code, message: d.message, range: d.range }));
}

describe('meshwright analyze: Gateway API references and ambient', () => {
  before(assertCliBuilt);

  it('reports MESH401-MESH406 once each, at the marked fields', () => {
    const found = gatewayApiFindings('gateway-api/shop.yaml');
    const marked = caretRanges(readFixture('gateway-api/shop.yaml'));
    assert.deepEqual(
      found.map((d) => d.code),
      ['MESH401', 'MESH402', 'MESH403', 'MESH404', 'MESH405', 'MESH406'],
      found.map((d) => `${d.code} ${d.message}`).join('\n'),
    );
    assert.deepEqual(
      found.map((d) => d.range),
      marked,
    );
    const byCode = new Map(found.map((d) => [d.code, d.message]));
    assert.match(byCode.get('MESH401') ?? '', /Gateway shop\/ingress, which does not exist in cluster west/);
    assert.match(byCode.get('MESH402') ?? '', /port 80 of Service shop\/cart, which exposes 8080 only/);
    assert.match(byCode.get('MESH403') ?? '', /VirtualService shop\/cart also routes/);
    assert.match(
      byCode.get('MESH404') ?? '',
      /uses waypoint shop\/waypoint, which does not exist in cluster west/,
    );
    assert.match(byCode.get('MESH405') ?? '', /selects ambient pods \(Pod shop\/cart-0 in cluster east\)/);
    assert.match(
      byCode.get('MESH406') ?? '',
      /labelled istio.io\/dataplane-mode=ambient and runs an istio-proxy sidecar/,
    );
  });

  it('stays silent on the near miss', () => {
    assert.deepEqual(gatewayApiFindings('gateway-api/shop-fixed.yaml'), []);
  });
});
