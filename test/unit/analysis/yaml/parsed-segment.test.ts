import assert from 'node:assert/strict';
import { type Range } from '../../../../server/src/mesh/diagnostic';
import { SegmentParser, parseSegment } from '../../../../server/src/yaml/parsed-segment';

/** The text a range covers (single-line ranges). */
function covered(text: string, range: Range): string {
  assert.equal(range.start.line, range.end.line, 'range on one line');
  return (text.split('\n')[range.start.line] ?? '').slice(range.start.character, range.end.character);
}

const VIRTUAL_SERVICE = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
    - route:
        - destination:
            host: reviews
            subset: v1
        - destination:
            host: reviews
            subset: "v3"
          weight: 10
`;

describe('parseSegment', () => {
  it('reads identity and value of a document', () => {
    const parsed = parseSegment(VIRTUAL_SERVICE);
    assert.equal(parsed.hasErrors, false);
    assert.equal(parsed.objects.length, 1);
    const object = parsed.objects[0]!;
    assert.deepEqual(
      [object.apiVersion, object.kind, object.name, object.namespace],
      ['networking.istio.io/v1', 'VirtualService', 'reviews', 'bookinfo'],
    );
  });

  it('locates the exact value node of a field path, quotes included', () => {
    const parsed = parseSegment(VIRTUAL_SERVICE);
    const range = parsed.locate(['spec', 'http', 0, 'route', 1, 'destination', 'subset']);
    assert.deepEqual(range.start, { line: 14, character: 20 });
    assert.equal(covered(VIRTUAL_SERVICE, range), '"v3"');
    assert.equal(covered(VIRTUAL_SERVICE, parsed.locate(['spec', 'hosts', 0])), 'reviews');
  });

  it('locates the key on request, and the key of a map or list value', () => {
    const parsed = parseSegment(VIRTUAL_SERVICE);
    assert.equal(covered(VIRTUAL_SERVICE, parsed.locate(['metadata', 'name'], { target: 'key' })), 'name');
    assert.equal(covered(VIRTUAL_SERVICE, parsed.locate(['spec', 'http'])), 'http');
    assert.equal(
      covered(VIRTUAL_SERVICE, parsed.locate(['spec', 'http', 0, 'route', 0, 'destination'])),
      'destination',
    );
  });

  it('falls back to the key of the nearest existing ancestor for a missing field', () => {
    const parsed = parseSegment(VIRTUAL_SERVICE);
    const missingPort = parsed.locate(['spec', 'http', 0, 'route', 0, 'destination', 'port', 'number']);
    assert.equal(covered(VIRTUAL_SERVICE, missingPort), 'destination');
    assert.equal(missingPort.start.line, 9);
    assert.equal(covered(VIRTUAL_SERVICE, parsed.locate(['spec', 'tcp', 0])), 'spec');
  });

  it('underlines only the first line of a list item that is a map', () => {
    const parsed = parseSegment(VIRTUAL_SERVICE);
    assert.equal(covered(VIRTUAL_SERVICE, parsed.locate(['spec', 'http', 0])), 'route:');
  });

  it('resolves aliases and merge keys in the value and the locator', () => {
    const text = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy: &policy
    tls:
      mode: ISTIO_MUTUAL
  subsets:
    - name: v1
      labels: &v1
        version: v1
      trafficPolicy: *policy
    - name: v1-canary
      labels:
        <<: *v1
        track: canary
`;
    const parsed = parseSegment(text);
    assert.equal(parsed.hasErrors, false);
    const spec = parsed.objects[0]!.value.spec as {
      subsets: { labels: Record<string, string>; trafficPolicy: unknown }[];
    };
    assert.deepEqual(spec.subsets[1]!.labels, { version: 'v1', track: 'canary' });
    assert.deepEqual(spec.subsets[0]!.trafficPolicy, { tls: { mode: 'ISTIO_MUTUAL' } });
    // A merged field is found where it is written: in the anchored map.
    assert.equal(covered(text, parsed.locate(['spec', 'subsets', 1, 'labels', 'version'])), 'v1');
    assert.equal(parsed.locate(['spec', 'subsets', 1, 'labels', 'version']).start.line, 12);
    assert.equal(
      covered(text, parsed.locate(['spec', 'subsets', 0, 'trafficPolicy', 'tls', 'mode'])),
      'ISTIO_MUTUAL',
    );
  });

  it('expands a kind: List into its items, each located under items[i]', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata:
      name: reviews
      namespace: bookinfo
  - apiVersion: v1
    kind: Service
    metadata:
      name: ratings
`;
    const parsed = parseSegment(text);
    assert.deepEqual(
      parsed.objects.map((o) => [o.name, o.basePath]),
      [
        ['reviews', ['items', 0]],
        ['ratings', ['items', 1]],
      ],
    );
    assert.equal(covered(text, parsed.locate(['items', 1, 'metadata', 'name'])), 'ratings');
  });

  it('tolerates duplicate keys and tabs: errors recorded, the object still read', () => {
    const duplicate = parseSegment('apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  name: b\n');
    assert.equal(duplicate.hasErrors, true);
    assert.ok(duplicate.problems.some((p) => /unique/i.test(p.message)));
    const tabs = parseSegment('apiVersion: v1\nkind: Service\nmetadata:\n\tname: a\n');
    assert.equal(tabs.hasErrors, true);
  });

  it('yields no object without apiVersion, kind or metadata.name, and for scalars and lists', () => {
    assert.equal(
      parseSegment('apiVersion: v1\nkind: Service\nmetadata:\n  namespace: x\n').objects.length,
      0,
    );
    assert.equal(parseSegment('kind: Service\nmetadata:\n  name: x\n').objects.length, 0);
    assert.equal(parseSegment('just a string\n').objects.length, 0);
    assert.equal(parseSegment('- a\n- b\n').objects.length, 0);
    assert.equal(parseSegment('').objects.length, 0);
    assert.equal(parseSegment('# only a comment\n').objects.length, 0);
  });

  it('does not expand an alias bomb', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const parsed = parseSegment(
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n  ${lines.join('\n  ')}\n`,
    );
    assert.equal(parsed.objects.length, 0);
  });

  it('SegmentParser reuses the parse of a text seen before', () => {
    const parser = new SegmentParser();
    const first = parser.parse(VIRTUAL_SERVICE);
    assert.equal(parser.parse(VIRTUAL_SERVICE), first);
    assert.notEqual(parser.parse(`${VIRTUAL_SERVICE}# edited\n`), first);
    assert.equal(parser.size, 2);
  });
});
