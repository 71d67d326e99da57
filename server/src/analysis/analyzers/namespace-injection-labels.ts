/**
 * IST0123: a namespace carries more than one label choosing how its pods join the mesh:
 * `istio-injection`, `istio.io/rev` (a sidecar revision) and `istio.io/dataplane-mode` (ambient).
 * `istio-injection=disabled` (or any value but `enabled`) is a deliberate opt-out that the other labels
 * cannot undo, so it conflicts with nothing, as in istioctl. The revisioned injector webhooks require
 * `istio-injection` to be absent, so beside it `istio.io/rev` is ignored; beside a sidecar label,
 * `istio.io/dataplane-mode` does nothing, since ambient leaves pods that carry a sidecar alone. Istio's own
 * namespace is not judged.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { describe, labelsOf } from '../model/resource';
import { INJECTION_LABEL, REVISION_LABEL } from '../model/sidecar-injection';

const DATAPLANE_MODE_LABEL = 'istio.io/dataplane-mode';

export const namespaceInjectionLabels: ResourceAnalyzer = {
  type: 'resource',
  name: 'namespace-injection-labels',
  codes: ['IST0123'],
  kinds: [KINDS.Namespace],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    if (resource.name === ISTIO_SYSTEM) return;
    const labels = labelsOf(resource);
    const injection = labels[INJECTION_LABEL];
    if (injection !== undefined && injection !== 'enabled') return;
    const chosen = [INJECTION_LABEL, REVISION_LABEL, DATAPLANE_MODE_LABEL].filter((key) => key in labels);
    if (chosen.length < 2) return;
    const second = chosen[1]!;
    ctx.report({
      code: 'IST0123',
      resource,
      path: ['metadata', 'labels', second],
      target: 'key',
      message: `${describe(resource)} has ${chosen.map((key) => `${key}=${labels[key]}`).join(' and ')}: ${consequence(labels)} Keep one label (kubectl label namespace ${resource.name} ${second}-, or remove ${chosen[0]}).`,
      data: { labels: Object.fromEntries(chosen.map((key) => [key, labels[key]])) },
    });
  },
};

function consequence(labels: Readonly<Record<string, string>>): string {
  const revision = labels[REVISION_LABEL];
  if (INJECTION_LABEL in labels && revision !== undefined) {
    return `the injector ignores ${REVISION_LABEL} while ${INJECTION_LABEL} is set, so its pods are injected by the default revision, not by revision ${revision}.`;
  }
  return `its pods are injected with a sidecar, and ambient leaves pods with a sidecar alone, so ${DATAPLANE_MODE_LABEL}=${labels[DATAPLANE_MODE_LABEL]} has no effect on them.`;
}
