import assert from 'node:assert/strict';
import { analyze } from '../../../../server/src/analysis/engine';
import { describeFixtureCases } from '../fixture-cases';

/** `count` mesh VirtualServices for host `*`, spread over seven namespaces, one of them hidden (`~`). */
function wildcardVirtualServices(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs${i}, namespace: ns${i % 7}}\n` +
      `spec:\n  hosts: ['*']\n${i === 0 ? '  exportTo: ["~"]\n' : ''}` +
      `  http:\n    - route:\n        - destination: {host: reviews.bookinfo.svc.cluster.local}\n`,
  ).join('---\n');
}

describe('analyzer conflicting-mesh-gateway-hosts (IST0109)', () => {
  describeFixtureCases('IST0109/conflicting-mesh-gateway-hosts', ['IST0109']);

  it('names at most ten others per finding, with how many more, however large the group', function () {
    this.timeout(60_000);
    const { diagnostics } = analyze({ documents: [{ uri: 'vs.yaml', text: wildcardVirtualServices(600) }] });
    const conflicts = diagnostics.filter((d) => d.code === 'IST0109');
    // vs0 is visible nowhere (exportTo ~): it conflicts with nothing and nothing with it.
    assert.equal(conflicts.length, 599);
    assert.ok(!conflicts.some((d) => d.resource?.name === 'vs0'));
    for (const finding of conflicts) {
      assert.equal(finding.related.length, 10);
      assert.match(finding.message, / and 588 more all define host \* /);
      assert.ok(!finding.message.includes('ns0/vs0 '), finding.message);
    }
  });
});
