/**
 * IST0101: a Sidecar's `workloadSelector.labels` matches no pod of its namespace, so it configures
 * nothing. (A Sidecar without a selector applies to the whole namespace and is not checked here.)
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asRecord, asStringMap } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';
import { formatLabels } from '../model/selectors';

export const sidecarSelectorWorkloads: ResourceAnalyzer = {
  type: 'resource',
  name: 'sidecar-selector-workloads',
  codes: ['IST0101'],
  kinds: [KINDS.Sidecar],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const selector = asStringMap(asRecord(specOf(resource).workloadSelector)?.labels);
    if (Object.keys(selector).length === 0) return;
    if (ctx.mesh.workloads(selector, resource.namespace).length > 0) return;
    ctx.report({
      code: 'IST0101',
      resource,
      path: ['spec', 'workloadSelector', 'labels'],
      target: 'key',
      message: `${describe(resource)} selects pods labelled ${formatLabels(selector)}, but no pod in namespace ${resource.namespace} has those labels, so it configures nothing; fix workloadSelector.labels.`,
      data: { selector },
    });
  },
};
