/**
 * Field provenance of rendered Kustomize objects, without running kustomize: given the patches an
 * overlay applies (strategic merge, JSON 6902, in files or inline in a kustomization) and the resource
 * file an object came from, a field points at the patch that wrote its rendered value, else at the field
 * in the resource file. A patch whose value is not the rendered one (undone by a later patch, or aimed at
 * another object) is never blamed, and a map a patch merges into stays the base's.
 */
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import {
  type FieldQuery,
  type RenderedObject,
  fieldInOrigin,
  patchSettingField,
  readOriginFile,
} from '../../../server/src/render/kustomize/field-provenance';
import {
  readKustomizationFile,
  withOriginAnnotations,
} from '../../../server/src/render/kustomize/kustomization-file';
import { kustomizeMessage } from '../../../server/src/render/kustomize/kustomize-renderer';
import { type LoadedPatch, fileText } from '../../../server/src/render/kustomize/overlay-patches';

const BASE = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  host: reviews
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
  subsets:
    - name: v1
      labels:
        version: v1
`;

function object(value: Record<string, unknown>): RenderedObject {
  return {
    kind: 'DestinationRule',
    name: 'reviews',
    value: { kind: 'DestinationRule', metadata: { name: 'reviews' }, ...value },
  };
}

function patch(
  file: string,
  text: string,
  options: { json6902?: boolean; target?: { kind?: string; name?: string } } = {},
): LoadedPatch {
  const documents = parseAllDocuments(text);
  assert.ok(Array.isArray(documents));
  return {
    source: fileText(file, text),
    documents,
    values: documents.map((document) => document.toJS() as unknown),
    json6902: options.json6902 ?? Array.isArray(documents[0]?.toJS()),
    ...(options.target ? { target: options.target } : {}),
  };
}

function query(value: Record<string, unknown>, path: (string | number)[]): FieldQuery {
  return { object: object(value), path, onKey: false };
}

function at(
  found: { file: string; range: { start: { line: number; character: number } } } | undefined,
): string | undefined {
  return found ? `${found.file}:${found.range.start.line + 1}:${found.range.start.character + 1}` : undefined;
}

const SUBSETS_PATCH = `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
spec:
  subsets:
    - name: v2
      labels:
        version: v2
`;

describe('render: Kustomize field provenance', () => {
  const rendered = {
    spec: {
      host: 'reviews',
      trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' }, tls: { mode: 'SIMPLE' } },
      subsets: [{ name: 'v2', labels: { version: 'v2' } }],
    },
  };

  it('points a field inside a list a strategic merge patch replaced at the patch', () => {
    const found = patchSettingField(query(rendered, ['spec', 'subsets', 0, 'labels', 'version']), [
      patch('/repo/east/dr.yaml', SUBSETS_PATCH),
    ]);
    assert.equal(at(found), '/repo/east/dr.yaml:9:18');
    assert.equal(found?.byPatch, true);
  });

  it('leaves a field the strategic merge patch does not hold to the base (maps merge)', () => {
    const q = query(rendered, ['spec', 'host']);
    assert.equal(patchSettingField(q, [patch('/repo/east/dr.yaml', SUBSETS_PATCH)]), undefined);
    assert.equal(at(fieldInOrigin(q, readOriginFile('/repo/base/dr.yaml', BASE))), '/repo/base/dr.yaml:6:9');
    // A map the patch merges into (spec) is not the patch's either.
    assert.equal(
      patchSettingField(query(rendered, ['spec']), [patch('/repo/east/dr.yaml', SUBSETS_PATCH)]),
      undefined,
    );
  });

  it('points a field under a JSON 6902 add at its value, inline in a kustomization at the right line', () => {
    const kustomization = `resources:
  - ../base
patches:
  - target:
      kind: DestinationRule
    patch: |-
      - op: add
        path: /spec/trafficPolicy/tls
        value:
          mode: SIMPLE
`;
    const [reference] = readKustomizationFile(kustomization).patches;
    assert.ok(reference?.inline);
    const inline = reference.inline;
    const source = {
      file: '/repo/east/kustomization.yaml',
      text: inline.text,
      toFilePosition(offset: number) {
        const inner = fileText('', inline.text).toFilePosition(offset);
        return { line: inline.line + inner.line, character: inline.column + inner.character };
      },
    };
    const documents = parseAllDocuments(inline.text);
    assert.ok(Array.isArray(documents));
    const found = patchSettingField(query(rendered, ['spec', 'trafficPolicy', 'tls', 'mode']), [
      {
        source,
        documents,
        values: documents.map((document) => document.toJS() as unknown),
        json6902: true,
        target: { kind: 'DestinationRule' },
      },
    ]);
    assert.equal(at(found), '/repo/east/kustomization.yaml:10:17');
  });

  it('blames a JSON 6902 remove for the list it removed an entry from', () => {
    const remove = patch('/repo/west/remove.yaml', '- op: remove\n  path: /spec/subsets/1\n');
    const found = patchSettingField(query(rendered, ['spec', 'subsets']), [remove]);
    assert.equal(at(found), '/repo/west/remove.yaml:2:9');
    // Not for a field elsewhere.
    assert.equal(patchSettingField(query(rendered, ['spec', 'host']), [remove]), undefined);
  });

  it('never blames a patch whose value is not the rendered one, or that targets another kind', () => {
    const undone = patch(
      '/repo/east/mode.yaml',
      '- op: replace\n  path: /spec/trafficPolicy/tls/mode\n  value: MUTUAL\n',
    );
    assert.equal(
      patchSettingField(query(rendered, ['spec', 'trafficPolicy', 'tls', 'mode']), [undone]),
      undefined,
    );
    const elsewhere = patch('/repo/east/vs.yaml', '- op: add\n  path: /spec/host\n  value: reviews\n', {
      target: { kind: 'VirtualService' },
    });
    assert.equal(patchSettingField(query(rendered, ['spec', 'host']), [elsewhere]), undefined);
  });

  it('takes the latest of several patches that wrote the same value', () => {
    const first = patch('/repo/a.yaml', '- op: add\n  path: /spec/host\n  value: reviews\n');
    const second = patch('/repo/b.yaml', '- op: replace\n  path: /spec/host\n  value: reviews\n');
    assert.equal(
      at(patchSettingField(query(rendered, ['spec', 'host']), [first, second])),
      '/repo/b.yaml:3:10',
    );
  });

  it('finds the origin document by kind and name in a file of several, through a name prefix', () => {
    const file = `apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n---\n${BASE}`;
    const q: FieldQuery = {
      object: { kind: 'DestinationRule', name: 'east-reviews', value: rendered },
      path: ['spec', 'subsets'],
      onKey: true,
    };
    assert.equal(
      at(fieldInOrigin(q, readOriginFile('/repo/base/all.yaml', file))),
      '/repo/base/all.yaml:15:3',
    );
  });
});

describe('render: kustomization files', () => {
  it('reads patches in kustomize’s order and every path a rendering reads', () => {
    const parsed = readKustomizationFile(`resources: [../base, svc.yaml]
components: [../components/tls]
patchesStrategicMerge: [old.yaml]
patches:
  - path: dr.yaml
configMapGenerator:
  - name: settings
    files: [app.properties, key=other.properties]
`);
    assert.deepEqual(parsed.resources, ['../base', 'svc.yaml']);
    assert.deepEqual(parsed.components, ['../components/tls']);
    assert.deepEqual(
      parsed.patches.map((p) => p.path),
      ['old.yaml', 'dr.yaml'],
    );
    for (const mentioned of [
      '../base',
      'svc.yaml',
      'old.yaml',
      'dr.yaml',
      'app.properties',
      'other.properties',
    ])
      assert.ok(parsed.mentionedPaths.includes(mentioned), mentioned);
    assert.equal(readKustomizationFile('kind: Component\n').kind, 'Component');
  });

  it('switches origin annotations on in a copy, keeping the build metadata already asked for', () => {
    assert.match(withOriginAnnotations('resources: [a.yaml]\n'), /buildMetadata:\n {2}- originAnnotations/);
    const kept = withOriginAnnotations('resources: [a.yaml]\nbuildMetadata: [managedByLabel]\n');
    assert.match(kept, /managedByLabel/);
    assert.match(kept, /originAnnotations/);
  });

  it('gives kustomize’s own message, without kubectl’s logging around it', () => {
    assert.equal(
      kustomizeMessage(
        'E1207 21:27:25.151065    5544 run.go:72] "command failed" err="accumulating resources: accumulation err=\'from \\"x\\"\'"',
      ),
      'accumulating resources: accumulation err=\'from "x"\'',
    );
    assert.equal(kustomizeMessage('Error: no kustomization file\n'), 'no kustomization file');
  });
});
