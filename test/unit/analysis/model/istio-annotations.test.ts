import assert from 'node:assert/strict';
import { invalidAnnotationValue } from '../../../../server/src/analysis/model/annotation-values';
import {
  ISTIO_ANNOTATIONS,
  ISTIO_LABELS,
  closestAnnotation,
  isIstioAnnotationName,
  istioAnnotation,
} from '../../../../server/src/analysis/model/istio-annotations';

describe('Istio annotation table', () => {
  it('lists each annotation once, each an Istio name', () => {
    const names = ISTIO_ANNOTATIONS.map((a) => a.name);
    assert.equal(new Set(names).size, names.length);
    for (const name of names) assert.ok(isIstioAnnotationName(name), name);
  });

  it('gets the commonly used annotations right', () => {
    const inject = istioAnnotation('sidecar.istio.io/inject');
    assert.deepEqual(inject?.resources, ['Pod']);
    assert.match(inject?.deprecated ?? '', /label/);
    assert.equal(istioAnnotation('sidecar.istio.io/proxyCPU')?.maturity, 'Alpha');
    assert.deepEqual(istioAnnotation('proxy.istio.io/config')?.resources, ['Pod']);
    assert.equal(istioAnnotation('proxy.istio.io/config')?.maturity, 'Beta');
    assert.deepEqual(istioAnnotation('traffic.sidecar.istio.io/excludeOutboundPorts')?.resources, ['Pod']);
    assert.deepEqual(istioAnnotation('networking.istio.io/exportTo')?.resources, ['Service']);
    assert.deepEqual(istioAnnotation('galley.istio.io/analyze-suppress')?.resources, ['Any']);
    // istio.io/rev is a namespace label; as an annotation it is the injector's record on a pod.
    assert.ok(ISTIO_LABELS.get('istio.io/rev')?.includes('Namespace'));
    assert.deepEqual(istioAnnotation('istio.io/rev')?.resources, ['Pod']);
    assert.equal(istioAnnotation('istio-injection'), undefined);
  });

  it('recognises Istio names and suggests the closest annotation for a typo', () => {
    assert.ok(isIstioAnnotationName('istio.io/rev'));
    assert.ok(isIstioAnnotationName('kubernetes.io/ingress.class'));
    assert.ok(!isIstioAnnotationName('notistio.io/x'));
    assert.ok(!isIstioAnnotationName('prometheus.io/scrape'));
    assert.equal(closestAnnotation('sidecar.istio.io/injekt'), 'sidecar.istio.io/inject');
    assert.equal(closestAnnotation('Sidecar.istio.io/ProxyCPU'), 'sidecar.istio.io/proxyCPU');
    assert.equal(closestAnnotation('proxy.istio.io/concurrency'), undefined);
  });
});

describe('annotation value formats', () => {
  const bad = (value: string, format: Parameters<typeof invalidAnnotationValue>[1]): boolean =>
    invalidAnnotationValue(value, format) !== null;

  it('reads booleans as Go does and injection values as the injector does', () => {
    for (const value of ['true', 'False', '1', 't']) assert.ok(!bad(value, { type: 'bool' }), value);
    for (const value of ['yes', 'enabled', '']) assert.ok(bad(value, { type: 'bool' }), value);
    for (const value of ['true', 'Yes', 'off', 'n']) assert.ok(!bad(value, { type: 'inject' }), value);
    assert.ok(bad('enabled', { type: 'inject' }));
  });

  it('checks CIDR lists like netip.ParsePrefix, IPv6 included', () => {
    const cidrs = { type: 'cidrs', wildcard: true } as const;
    for (const value of ['*', '10.0.0.0/8', '10.96.0.0/12, fd00::/8', '::/0', '::ffff:10.0.0.0/104', ''])
      assert.ok(!bad(value, cidrs), value);
    for (const value of [
      '10.0.0.0',
      '10.0.0.0/33',
      '010.0.0.0/8',
      'fd00::1::/64',
      'fd00:/8',
      '1:2:3:4:5:6:7:8:9/64',
    ])
      assert.ok(bad(value, cidrs), value);
    assert.ok(bad('*', { type: 'cidrs' }));
  });

  it('checks ports, quantities, JSON objects, ProxyConfig and exportTo lists', () => {
    assert.ok(!bad('15020, 9090', { type: 'ports' }));
    assert.ok(bad('65536', { type: 'ports' }));
    assert.ok(!bad('*', { type: 'ports', wildcard: true }));
    for (const value of ['100m', '1.5', '128Mi', '2Gi', '1e3'])
      assert.ok(!bad(value, { type: 'quantity' }), value);
    for (const value of ['half', '100 m', '1MB']) assert.ok(bad(value, { type: 'quantity' }), value);
    assert.ok(!bad('{"a":{"emptyDir":{}}}', { type: 'json-object' }));
    assert.ok(bad('[1,2]', { type: 'json-object' }));
    assert.ok(!bad('{"holdApplicationUntilProxyStarts": true}', { type: 'proxy-config' }));
    assert.ok(bad('- not a mapping', { type: 'proxy-config' }));
    assert.ok(!bad('., ~, istio-system, *', { type: 'export-to' }));
    assert.ok(bad('Bookinfo', { type: 'export-to' }));
  });
});
