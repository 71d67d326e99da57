/**
 * Which kinds the apply engine writes without asking (every Istio API group, the Gateway API's) and how a
 * kind the user must confirm is named, so a confirmed kind of one group never admits another group's.
 */
import assert from 'node:assert/strict';
import { kindNeedingConfirmation, kindRefusal } from '../../server/src/apply/applicable-kinds';

const ref = (apiVersion: string, kind: string) => ({ apiVersion, kind, namespace: 'ns', name: 'n' });

describe('apply: applicable kinds', () => {
  it('applies Istio and Gateway API kinds without a confirmation', () => {
    for (const [apiVersion, kind] of [
      ['networking.istio.io/v1', 'VirtualService'],
      ['security.istio.io/v1', 'AuthorizationPolicy'],
      ['telemetry.istio.io/v1', 'Telemetry'],
      ['extensions.istio.io/v1alpha1', 'WasmPlugin'],
      ['gateway.networking.k8s.io/v1', 'HTTPRoute'],
      ['gateway.networking.x-k8s.io/v1alpha1', 'XBackendTrafficPolicy'],
    ] as const) {
      assert.equal(kindNeedingConfirmation(ref(apiVersion, kind)), null, kind);
      assert.equal(kindRefusal(ref(apiVersion, kind), []), null, kind);
    }
  });

  it('names any other kind as kubectl does, and refuses it unless that very name was confirmed', () => {
    assert.equal(kindNeedingConfirmation(ref('v1', 'ConfigMap')), 'ConfigMap');
    const webhook = ref('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration');
    assert.equal(
      kindNeedingConfirmation(webhook),
      'MutatingWebhookConfiguration.admissionregistration.k8s.io',
    );
    assert.equal(kindRefusal(ref('v1', 'Secret'), ['ConfigMap'])?.kind, 'kind-not-allowed');
    assert.equal(kindRefusal(ref('v1', 'Secret'), ['Secret']), null);
    assert.equal(kindRefusal(webhook, ['MutatingWebhookConfiguration'])?.kind, 'kind-not-allowed');
    // A look-alike group is not Istio's.
    assert.equal(
      kindNeedingConfirmation(ref('networking.istio.io.evil.example/v1', 'VirtualService')),
      'VirtualService.networking.istio.io.evil.example',
    );
    assert.equal(
      kindNeedingConfirmation(ref('networking.k8s.io/v1', 'Ingress')),
      'Ingress.networking.k8s.io',
    );
  });
});
