/**
 * Cutting `managedFields` and the last-applied annotation out of an API server's JSON before it is
 * parsed: the result must parse to the same value without them, whatever the strings around hold.
 */
import assert from 'node:assert/strict';
import {
  MemberPruner,
  pruneBulkyMembers,
  type PrunedMember,
} from '../../server/src/topology/kube-api/json-pruning';
import {
  DEPLOYMENT_UNREAD_MEMBERS,
  POD_UNREAD_MEMBERS,
  slimDeployment,
  slimPod,
} from '../../server/src/topology/object-slimming';
import { type KubeObject } from '../../server/src/mesh/snapshot';
import { generateMesh } from '../../simulator/src/index';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function pruned(value: unknown, space?: number): unknown {
  return JSON.parse(pruneBulkyMembers(Buffer.from(JSON.stringify(value, null, space))).toString()) as unknown;
}

/** The value as discovery wants it: no managedFields arrays, no last-applied string annotations. */
function withoutBulk(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBulk);
  if (typeof value !== 'object' || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (key === 'managedFields' && Array.isArray(member)) continue;
    if (key === LAST_APPLIED && typeof member === 'string') continue;
    kept[key] = withoutBulk(member);
  }
  return kept;
}

const MANAGED = [
  {
    manager: 'kubectl',
    operation: 'Apply',
    fieldsV1: { 'f:spec': { 'k:{"port":80,"protocol":"TCP"}': {}, 'f:x]}': {} } },
  },
];

describe('topology: pruning bulky members from JSON bytes', () => {
  it('cuts managedFields wherever it stands in the metadata, compact or indented', () => {
    for (const space of [undefined, 2]) {
      const first = { metadata: { managedFields: MANAGED, name: 'a', namespace: 'n' } };
      const middle = { metadata: { name: 'a', managedFields: MANAGED, namespace: 'n' } };
      const last = { metadata: { name: 'a', namespace: 'n', managedFields: MANAGED } };
      const only = { metadata: { managedFields: MANAGED } };
      for (const object of [first, middle, last])
        assert.deepEqual(pruned(object, space), { metadata: { name: 'a', namespace: 'n' } });
      assert.deepEqual(pruned(only, space), { metadata: {} });
    }
  });

  it('cuts it from every item of a list', () => {
    const list = {
      kind: 'PodList',
      items: Array.from({ length: 5 }, (_, index) => ({
        metadata: { name: `p${index}`, managedFields: MANAGED, labels: { app: 'x' } },
        spec: { nodeName: 'n1' },
      })),
    };
    assert.deepEqual(pruned(list), withoutBulk(list));
  });

  it('cuts the last-applied annotation and keeps the others', () => {
    const object = {
      metadata: {
        annotations: {
          [LAST_APPLIED]: JSON.stringify({ metadata: { name: 'a', managedFields: '"quoted"]}' } }),
          'sidecar.istio.io/status': '{"containers":["istio-proxy"]}',
        },
      },
    };
    assert.deepEqual(pruned(object), {
      metadata: { annotations: { 'sidecar.istio.io/status': '{"containers":["istio-proxy"]}' } },
    });
  });

  it('keeps members of other types, and the key spelled inside strings', () => {
    const object = {
      metadata: {
        name: 'a',
        labels: { managedFields: 'a label named so' },
        annotations: { [LAST_APPLIED]: 42, note: 'text with "managedFields":[1,2] inside' },
      },
      spec: { managedFields: { not: 'an array' }, other: null },
    };
    assert.deepEqual(pruned(object), object);
  });

  it('gives back the very buffer when there is nothing to cut, and leaves a truncated body alone', () => {
    const plain = Buffer.from(JSON.stringify({ metadata: { name: 'a' } }));
    assert.equal(pruneBulkyMembers(plain), plain);
    const truncated = Buffer.from('{"metadata":{"managedFields":[{"manager":"kubectl"');
    assert.equal(pruneBulkyMembers(truncated).toString(), truncated.toString());
  });

  it('prunes within the body it is given: the result shares its memory, members side by side included', () => {
    const object = {
      metadata: { managedFields: MANAGED, [LAST_APPLIED]: '{"a":1}', name: 'a' },
      items: [{ managedFields: MANAGED }, { managedFields: MANAGED, x: 1 }],
    };
    const body = Buffer.from(JSON.stringify(object));
    const result = pruneBulkyMembers(body);
    assert.equal(result.buffer, body.buffer);
    assert.equal(result.byteOffset, body.byteOffset);
    assert.deepEqual(JSON.parse(result.toString()), {
      metadata: { name: 'a' },
      items: [{}, { x: 1 }],
    });
  });

  it('agrees with parsing first on generated objects full of quotes, backslashes and brackets', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
    const text = (): string =>
      Array.from({ length: Math.floor(random() * 8) }, () =>
        pick(['a', '"', '\\', '[', ']', '{', '}', ',', ':', 'managedFields', '\n', 'é']),
      ).join('');
    const value = (depth: number): unknown => {
      const roll = random();
      if (depth > 3 || roll < 0.3) return pick([text(), 1, true, null]);
      if (roll < 0.45) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      const object: Record<string, unknown> = {};
      for (let index = Math.floor(random() * 4); index > 0; index -= 1) {
        const key = pick(['managedFields', LAST_APPLIED, 'name', text()]);
        object[key] = key === 'managedFields' && random() < 0.7 ? MANAGED : value(depth + 1);
      }
      return object;
    };
    for (let round = 0; round < 500; round += 1) {
      const generated = value(0);
      assert.deepEqual(pruned(generated, round % 2 === 0 ? undefined : 1), withoutBulk(generated));
    }
  });

  describe('with the members a resource names', () => {
    const named: PrunedMember[] = [
      { key: 'env', value: 'array' },
      { key: 'probe', value: 'object' },
    ];
    // A few keys are searched for one by one, more are found in one reading of the body: both ways.
    const pruners = [
      new MemberPruner(named),
      new MemberPruner([...named, ...['absent', 'y', 'x'].map((key) => ({ key, value: 'string' as const }))]),
    ];
    const prunedBy = (value: unknown, space?: number): unknown[] =>
      pruners.map(
        (pruner) =>
          JSON.parse(pruner.prune(Buffer.from(JSON.stringify(value, null, space))).toString()) as unknown,
      );

    it('cuts them at any depth when their value has the named type, and the bulky members too', () => {
      const object = {
        metadata: { name: 'a', labels: { env: 'prod' }, managedFields: MANAGED },
        spec: {
          containers: [
            { name: 'c', env: [{ name: 'X', value: '"env":[1]' }], probe: { path: '/' }, ports: [] },
            { name: 'd', env: 'not an array', probe: ['not an object'] },
          ],
        },
      };
      const expected = {
        metadata: { name: 'a', labels: { env: 'prod' } },
        spec: {
          containers: [
            { name: 'c', ports: [] },
            { name: 'd', env: 'not an array', probe: ['not an object'] },
          ],
        },
      };
      for (const result of [...prunedBy(object), ...prunedBy(object, 2)]) assert.deepEqual(result, expected);
    });

    it('agrees with parsing first on generated objects', () => {
      let seed = 11;
      const random = (): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed / 2 ** 31;
      };
      const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)] as T;
      const value = (depth: number): unknown => {
        const roll = random();
        if (depth > 4 || roll < 0.3) return pick(['env', '"probe":{}', '\\', 1, null]);
        if (roll < 0.5) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
        const object: Record<string, unknown> = {};
        for (let index = Math.floor(random() * 4); index > 0; index -= 1)
          object[pick(['env', 'probe', 'name', 'env"', 'managedFields'])] = value(depth + 1);
        return object;
      };
      const expected = (input: unknown): unknown => {
        if (Array.isArray(input)) return input.map(expected);
        if (typeof input !== 'object' || input === null) return input;
        const kept: Record<string, unknown> = {};
        for (const [key, member] of Object.entries(input)) {
          if ((key === 'env' || key === 'managedFields') && Array.isArray(member)) continue;
          if (key === 'probe' && typeof member === 'object' && member !== null && !Array.isArray(member))
            continue;
          kept[key] = expected(member);
        }
        return kept;
      };
      for (let round = 0; round < 500; round += 1) {
        const generated = value(0);
        for (const result of prunedBy(generated, round % 2 === 0 ? undefined : 1))
          assert.deepEqual(result, expected(generated));
      }
    });

    it("leaves pods and Deployments with what their slimming keeps: realistic workloads and istiod's", () => {
      const mesh = generateMesh({ clusters: 1, networks: 1, servicesPerCluster: 20, podsPerService: 2 });
      const objects = (mesh.clusters[0]?.objects ?? []) as KubeObject[];
      const cases: [string, MemberPruner, (object: KubeObject) => KubeObject][] = [
        ['Pod', new MemberPruner(POD_UNREAD_MEMBERS), slimPod],
        ['Deployment', new MemberPruner(DEPLOYMENT_UNREAD_MEMBERS), slimDeployment],
      ];
      for (const [kind, kindPruner, slim] of cases) {
        const items = objects.filter((object) => object.kind === kind);
        assert.ok(items.length > 20);
        const list = Buffer.from(JSON.stringify({ kind: `${kind}List`, items }));
        const before = list.length;
        const pruned = JSON.parse(kindPruner.prune(list).toString()) as { items: KubeObject[] };
        assert.ok(pruned.items.reduce((sum, item) => sum + JSON.stringify(item).length, 0) < before / 3);
        assert.deepEqual(pruned.items.map(slim), items.map(slim));
      }
    });
  });
});
