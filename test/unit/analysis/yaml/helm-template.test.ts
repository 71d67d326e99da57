import assert from 'node:assert/strict';
import { findHelmTemplateAction } from '../../../../server/src/yaml/helm-template';

describe('findHelmTemplateAction', () => {
  it('finds the first action outside quotes and comments', () => {
    const text = `# {{ not this }}
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: "{{ .Release.Name }}"
  namespace: {{ .Release.Namespace }}
`;
    assert.deepEqual(findHelmTemplateAction(text), {
      start: { line: 5, character: 13 },
      end: { line: 5, character: 15 },
    });
  });

  it('recognises control actions at the start of a line', () => {
    assert.equal(
      findHelmTemplateAction('{{- if .Values.enabled }}\nkind: Service\n{{- end }}\n')?.start.line,
      0,
    );
  });

  it('ignores quoted templates, comments and ordinary braces', () => {
    assert.equal(
      findHelmTemplateAction('name: \'{{ x }}\'\nother: "a {{ b }}"\n# {{ c }}\nmap: {a: 1}\n'),
      null,
    );
    assert.equal(findHelmTemplateAction("msg: it's {{ fine }}\n")?.start.character, 10);
    assert.equal(findHelmTemplateAction('image: app:${{ github.sha }}\n'), null);
  });

  it('reads block scalars as text, and actions after them again', () => {
    const configMap = `kind: ConfigMap
data:
  config: |-
    template: |
      image: "{{ .Values.global.hub }}/proxyv2"
      {{- if .Values.debug }}

      {{- end }}
  values: '{}'
`;
    assert.equal(findHelmTemplateAction(configMap), null);
    assert.equal(findHelmTemplateAction(`${configMap}  name: {{ .Release.Name }}\n`)?.start.line, 9);
    assert.equal(findHelmTemplateAction('data:\n  a: >+2 # folded\n   {{ x }}\nb: {{ y }}\n')?.start.line, 3);
  });
});
