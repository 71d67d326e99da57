import assert from 'node:assert/strict';
import {
  authoredContent,
  compareObjectCopies,
  differingFields,
  formatFieldPath,
} from '../../../../server/src/analysis/model/object-drift';

const ratings = (trafficPolicy: unknown, extra: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'networking.istio.io/v1',
  kind: 'DestinationRule',
  metadata: { name: 'ratings', namespace: 'bookinfo', ...extra },
  spec: { host: 'ratings', trafficPolicy },
});

describe('object drift', () => {
  it('ignores server-set metadata, status and the last-applied annotation', () => {
    const east = ratings({ tls: { mode: 'ISTIO_MUTUAL' } }, { uid: 'a', resourceVersion: '1' });
    const west = {
      ...(ratings(
        { tls: { mode: 'ISTIO_MUTUAL' } },
        {
          uid: 'b',
          resourceVersion: '9',
          annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' },
        },
      ) as object),
      status: { observedGeneration: 3 },
    };
    const result = compareObjectCopies([
      { cluster: 'east', object: east },
      { cluster: 'west', object: west },
    ]);
    assert.equal(result.identical, true);
  });

  it('names the differing fields per copy against the first copy', () => {
    const result = compareObjectCopies([
      {
        cluster: 'east',
        object: ratings({ tls: { mode: 'ISTIO_MUTUAL' }, loadBalancer: { simple: 'LEAST_REQUEST' } }),
      },
      {
        cluster: 'west',
        object: ratings({ tls: { mode: 'DISABLE' }, loadBalancer: { simple: 'LEAST_REQUEST' } }),
      },
      { cluster: 'edge', object: ratings({ tls: { mode: 'ISTIO_MUTUAL' } }) },
    ]);
    assert.equal(result.identical, false);
    assert.deepEqual(
      result.differences.map((d) => [d.cluster, d.paths.map(formatFieldPath)]),
      [
        ['east', []],
        ['west', ['spec.trafficPolicy.tls.mode']],
        ['edge', ['spec.trafficPolicy.loadBalancer']],
      ],
    );
  });

  it('reports a list of another length once, at the list', () => {
    const paths = differingFields(
      { subsets: [{ name: 'v1' }, { name: 'v2' }] },
      { subsets: [{ name: 'v1' }] },
    );
    assert.deepEqual(paths.map(formatFieldPath), ['subsets']);
  });

  it('formats paths with indexes', () => {
    assert.equal(formatFieldPath(['spec', 'http', 0, 'route', 1, 'weight']), 'spec.http[0].route[1].weight');
  });

  it('keeps labels, annotations and spec as the authored content', () => {
    const content = authoredContent(ratings({}, { labels: { app: 'ratings' } }));
    assert.deepEqual(Object.keys(content).sort(), ['annotations', 'labels', 'spec']);
  });
});
