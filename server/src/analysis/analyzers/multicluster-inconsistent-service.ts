/**
 * IST0170: a Service (same namespace/name) differs across clusters: headless vs ClusterIP, `type`, or
 * ports (a port number present in some clusters only, or with another name or protocol). Namespace
 * sameness merges them into one service with undefined behaviour. One group per Service and, as istioctl
 * reports it, one diagnostic per Service: on the first cluster's copy, naming every cluster whose copy
 * differs from it and how, with the other copies as related locations.
 *
 * Not compared: the `istiod` Service of a remote cluster (or of an external control plane's config
 * cluster). Istio's remote profile installs it on purpose, without a selector and with its own ports
 * (`tcp-istiod` 15012, `tcp-webhook` 443), as the cluster's way to the control plane elsewhere: it always
 * differs from a primary's istiod, and "make the Service identical" would break the remote. Primaries'
 * istiod Services are still compared with each other.
 */
import { type AnalysisContext, type GroupAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { KINDS } from '../../../../protocol/kinds';
import { ISTIO_SYSTEM } from '../model/mesh-config';
import { asString } from '../../mesh/object-fields';
import { type MeshResource, qualifiedName, specOf } from '../model/resource';
import { type ServicePort, hostEntriesOf } from '../model/service-ports';

interface Shape {
  readonly headless: boolean;
  readonly type: string;
  readonly ports: ReadonlyMap<number, ServicePort>;
}

interface Difference {
  readonly text: string;
  readonly path: FieldPath;
}

export const multiclusterInconsistentService: GroupAnalyzer = {
  type: 'group',
  name: 'multicluster-inconsistent-service',
  codes: ['IST0170'],
  kinds: [KINDS.Service],
  requires: ['kubernetes'],
  groupKeys(resource) {
    return resource.cluster === null ? [] : [`${resource.namespace}/${resource.name}`];
  },
  analyzeGroup(_key, members, ctx) {
    const pointers = controlPlanePointers(members, ctx);
    const copies = members.filter((member) => member.cluster !== null && !pointers.has(member));
    if (new Set(copies.map((copy) => copy.cluster)).size < 2) return;
    // A Service is in dozens of clusters in a big mesh and usually the same everywhere: one signature
    // per copy settles that without comparing every pair.
    const shapes = new Map(copies.map((copy) => [copy, shapeOf(copy)]));
    if (new Set([...shapes.values()].map(signatureOf)).size === 1) return;
    const [first, ...others] = copies as [MeshResource, ...MeshResource[]];
    const differing = others.filter(
      (other) =>
        other.cluster !== first.cluster &&
        signatureOf(shapes.get(other)!) !== signatureOf(shapes.get(first)!),
    );
    const differences = differing.flatMap((other) => compare(first, other, shapes));
    const unique = [...new Map(differences.map((d) => [d.text, d])).values()];
    const clusters = [first, ...differing].map((copy) => copy.cluster!);
    ctx.report({
      code: 'IST0170',
      resource: first,
      path: unique[0]!.path,
      message: `Service ${qualifiedName(first)} differs across clusters ${clusters.join(', ')}: ${unique.map((d) => d.text).join('; ')}. Istio merges same-named Services into one service, so behaviour is undefined: make the Service identical in every cluster.`,
      related: others.map((other) => ({
        resource: other,
        path: ['spec'],
        message: `Service ${qualifiedName(other)} in cluster ${other.cluster}`,
      })),
      data: { clusters },
    });
  },
};

/** istiod's Service name: `istiod`, `istiod-<revision>`, `istiod-remote`. */
const ISTIOD_SERVICE = /^istiod(-.+)?$/;
const NONE: ReadonlySet<MeshResource> = new Set();

/**
 * The copies that are a remote's (or a config cluster's) Service for its control plane elsewhere. Only
 * istiod's group asks for the clusters' roles: the others then do not depend on the topology.
 */
function controlPlanePointers(
  members: readonly MeshResource[],
  ctx: AnalysisContext,
): ReadonlySet<MeshResource> {
  const first = members[0];
  if (!first || first.namespace !== ISTIO_SYSTEM || !ISTIOD_SERVICE.test(first.name)) return NONE;
  const roles = new Map(ctx.mesh.clusters().map((cluster) => [cluster.name, cluster.facts.role]));
  return new Set(
    members.filter((member) => {
      const role = member.cluster === null ? undefined : roles.get(member.cluster);
      return role === 'remote' || role === 'config';
    }),
  );
}

function shapeOf(service: MeshResource): Shape {
  const spec = specOf(service);
  const ports = new Map<number, ServicePort>();
  for (const port of hostEntriesOf(service)[0]?.ports ?? []) ports.set(port.number, port);
  return {
    headless: asString(spec.clusterIP) === 'None',
    type: asString(spec.type) ?? 'ClusterIP',
    ports,
  };
}

/** What IST0170 compares, as one string: equal strings, nothing to report. */
function signatureOf(shape: Shape): string {
  const ports = [...shape.ports.values()]
    .map((port) => `${port.number}/${port.name}/${port.protocol}/${port.appProtocol ?? ''}`)
    .sort();
  return `${shape.headless}|${shape.type}|${ports.join(',')}`;
}

function compare(
  copy: MeshResource,
  other: MeshResource,
  shapes: ReadonlyMap<MeshResource, Shape>,
): Difference[] {
  const mine = shapes.get(copy) ?? shapeOf(copy);
  const theirs = shapes.get(other) ?? shapeOf(other);
  const here = copy.cluster;
  const there = other.cluster;
  const differences: Difference[] = [];
  if (mine.headless !== theirs.headless) {
    differences.push({
      text: `it is ${mine.headless ? 'headless' : 'not headless'} in ${here} but ${theirs.headless ? 'headless' : 'not headless'} in ${there}`,
      path: ['spec', 'clusterIP'],
    });
  }
  if (mine.type !== theirs.type) {
    differences.push({
      text: `type ${mine.type} in ${here}, ${theirs.type} in ${there}`,
      path: ['spec', 'type'],
    });
  }
  for (const [number, port] of mine.ports) {
    const match = theirs.ports.get(number);
    if (!match) {
      differences.push({
        text: `port ${number} exists in ${here} but not in ${there}`,
        path: [...port.path, 'port'],
      });
    } else if (
      match.name !== port.name ||
      match.protocol !== port.protocol ||
      match.appProtocol !== port.appProtocol
    ) {
      const field =
        match.name !== port.name ? 'name' : match.protocol !== port.protocol ? 'protocol' : 'appProtocol';
      differences.push({
        text: `port ${number} is ${portLabel(port)} in ${here} and ${portLabel(match)} in ${there}`,
        path: [...port.path, field],
      });
    }
  }
  for (const number of theirs.ports.keys()) {
    if (!mine.ports.has(number)) {
      differences.push({
        text: `port ${number} exists in ${there} but not in ${here}`,
        path: ['spec', 'ports'],
      });
    }
  }
  return differences;
}

function portLabel(port: ServicePort): string {
  const name = port.name ? `"${port.name}"` : 'unnamed';
  return `${name} ${port.protocol}${port.appProtocol ? ` (appProtocol ${port.appProtocol})` : ''}`;
}
