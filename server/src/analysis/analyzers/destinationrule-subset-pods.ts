/**
 * IST0173: a DestinationRule subset whose labels match no pod of its host's Service, in any cluster.
 * Pod labels include what istiod adds (node locality, `topology.istio.io/cluster`, network), so
 * locality and per-cluster subsets are judged as Istio judges them. Silent when the Service selects no
 * pod at all (its workloads are simply not known) and for ServiceEntry hosts.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { destinationRuleHost } from '../model/mesh-index';
import { asArray, asRecord, asString, asStringMap } from '../../mesh/object-fields';
import { describe, qualifiedName, specOf } from '../model/resource';
import { formatLabels, labelsMatch } from '../model/selectors';
import { type Workload } from '../model/workloads';
import { isWildcardHost } from '../model/hosts';

export const destinationRuleSubsetPods: ResourceAnalyzer = {
  type: 'resource',
  name: 'destinationrule-subset-pods',
  codes: ['IST0173'],
  kinds: [KINDS.DestinationRule],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const host = destinationRuleHost(resource);
    if (isWildcardHost(host)) return;
    const services = ctx.mesh
      .servicesForHost(host, resource.namespace)
      .filter((entry) => entry.resource.groupKind === KINDS.Service);
    if (services.length === 0) return;
    const pods = new Map<string, Workload>();
    // Each cluster has its copy of the Service, usually with one selector: ask once per selector.
    const asked = new Set<string>();
    for (const service of services) {
      const selector = asStringMap(specOf(service.resource).selector);
      if (Object.keys(selector).length === 0) continue;
      const key = `${service.resource.namespace}|${JSON.stringify(Object.entries(selector).sort())}`;
      if (asked.has(key)) continue;
      asked.add(key);
      for (const workload of ctx.mesh.workloads(selector, service.resource.namespace)) {
        pods.set(`${workload.cluster ?? ''}/${workload.resource.id}`, workload);
      }
    }
    if (pods.size === 0) return;
    const service = services[0]!.resource;
    asArray(specOf(resource).subsets).forEach((item, i) => {
      const subset = asRecord(item);
      const labels = asStringMap(subset?.labels);
      if (!subset || Object.keys(labels).length === 0) return;
      if ([...pods.values()].some((pod) => labelsMatch(labels, pod.labels))) return;
      const name = asString(subset.name) ?? `#${i}`;
      ctx.report({
        code: 'IST0173',
        resource,
        path: ['spec', 'subsets', i, 'labels'],
        target: 'key',
        message: `${describe(resource)} subset ${name} selects pods labelled ${formatLabels(labels)}, but none of the ${pods.size} pod${pods.size === 1 ? '' : 's'} of Service ${qualifiedName(service)} has those labels, so routes to this subset fail; fix the subset's labels or deploy that version.`,
        related: services.map((entry) => ({
          resource: entry.resource,
          path: ['spec', 'selector'],
          message: `selector of Service ${qualifiedName(entry.resource)}${entry.resource.cluster ? ` in cluster ${entry.resource.cluster}` : ''}`,
        })),
        data: { subset: name, labels },
      });
    });
  },
};
