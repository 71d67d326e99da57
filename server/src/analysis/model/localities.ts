/**
 * Localities (`region/zone/subzone`) as locality load balancing sees them: where the mesh has nodes
 * (node labels `topology.kubernetes.io/region|zone`, `topology.istio.io/subzone`) or declared endpoints
 * (WorkloadEntry and ServiceEntry endpoint `locality`), and how a `localityLbSetting` pattern matches
 * them (pilot's util.LocalityMatch: `*` or an omitted zone/subzone matches anything).
 */
import { type MeshQueries } from '../framework/mesh-queries';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { labelsOf, specOf } from './resource';
import { REGION_LABEL, SUBZONE_LABEL, ZONE_LABEL } from './workloads';

export interface KnownLocality {
  readonly region: string;
  readonly zone: string;
  readonly subzone: string;
  /** Where it was seen: cluster names, or `WorkloadEntry ns/name`-like places for declared endpoints. */
  readonly places: ReadonlySet<string>;
}

/** Every locality of the mesh, keyed `region/zone/subzone`. Empty when no node carries a region label. */
export function knownLocalities(mesh: MeshQueries): KnownLocality[] {
  const found = new Map<string, { region: string; zone: string; subzone: string; places: Set<string> }>();
  const add = (region: string, zone: string, subzone: string, place: string): void => {
    if (!region) return;
    const key = `${region}/${zone}/${subzone}`;
    const entry = found.get(key) ?? { region, zone, subzone, places: new Set<string>() };
    entry.places.add(place);
    found.set(key, entry);
  };
  for (const node of mesh.ofKind(KINDS.Node)) {
    const labels = labelsOf(node);
    add(
      labels[REGION_LABEL] ?? '',
      labels[ZONE_LABEL] ?? '',
      labels[SUBZONE_LABEL] ?? '',
      node.cluster ? `cluster ${node.cluster}` : 'the input files',
    );
  }
  for (const entry of mesh.ofKind(KINDS.WorkloadEntry)) {
    addDeclared(asString(specOf(entry).locality), `WorkloadEntry ${entry.namespace}/${entry.name}`, add);
  }
  for (const serviceEntry of mesh.ofKind(KINDS.ServiceEntry)) {
    for (const endpoint of asArray(specOf(serviceEntry).endpoints)) {
      addDeclared(
        asString(asRecord(endpoint)?.locality),
        `ServiceEntry ${serviceEntry.namespace}/${serviceEntry.name}`,
        add,
      );
    }
  }
  return [...found.values()];
}

function addDeclared(
  locality: string | undefined,
  place: string,
  add: (region: string, zone: string, subzone: string, place: string) => void,
): void {
  if (!locality) return;
  const [region = '', zone = '', subzone = ''] = locality.split('/');
  add(region, zone, subzone, place);
}

/** pilot's LocalityMatch: each segment equal, or `*`; an omitted zone or subzone matches any. */
export function localityMatches(pattern: string, locality: KnownLocality): boolean {
  const [region = '', zone = '', subzone = ''] = pattern.split('/');
  return (
    (region === '*' || region === locality.region) &&
    (zone === '' || zone === '*' || zone === locality.zone) &&
    (subzone === '' || subzone === '*' || subzone === locality.subzone)
  );
}

/** "us-east (clusters east, edge), us-west (cluster west)": regions with where they are. */
export function describeRegions(localities: readonly KnownLocality[]): string {
  const regions = new Map<string, Set<string>>();
  for (const locality of localities) {
    const places = regions.get(locality.region) ?? new Set<string>();
    for (const place of locality.places) places.add(place);
    regions.set(locality.region, places);
  }
  return [...regions.keys()]
    .sort()
    .map((region) => `${region} (${joinPlaces([...regions.get(region)!].sort())})`)
    .join(', ');
}

/** "us-east/us-east-1a (cluster east), us-west/us-west-2a (cluster west)": localities to the pattern's depth. */
export function describeLocalities(localities: readonly KnownLocality[], depth: number): string {
  const grouped = new Map<string, Set<string>>();
  for (const locality of localities) {
    const text = [locality.region, locality.zone, locality.subzone]
      .slice(0, Math.max(1, depth))
      .filter(Boolean)
      .join('/');
    const places = grouped.get(text) ?? new Set<string>();
    for (const place of locality.places) places.add(place);
    grouped.set(text, places);
  }
  return [...grouped.keys()]
    .sort()
    .map((text) => `${text} (${joinPlaces([...grouped.get(text)!].sort())})`)
    .join(', ');
}

function joinPlaces(places: readonly string[]): string {
  const clusters = places.filter((p) => p.startsWith('cluster ')).map((p) => p.slice('cluster '.length));
  const others = places.filter((p) => !p.startsWith('cluster '));
  const parts: string[] = [];
  if (clusters.length > 0)
    parts.push(`${clusters.length === 1 ? 'cluster' : 'clusters'} ${clusters.join(', ')}`);
  parts.push(...others);
  return parts.join(', ');
}
