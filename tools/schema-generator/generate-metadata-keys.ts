/**
 * Generates the table of Istio's label and annotation keys (istio/api `label/labels.yaml` and
 * `annotation/annotations.yaml`): name, description, feature status, deprecation, whether Istio hides it
 * from users, and the kinds it goes on. Pure: text in, JSON text out; `main.ts` does the I/O.
 */
import { parse } from 'yaml';

export type FeatureStatus = 'Alpha' | 'Beta' | 'Stable';

export interface MetadataKey {
  readonly name: string;
  readonly description: string;
  readonly featureStatus: FeatureStatus;
  readonly deprecated: boolean;
  /** Written by Istio itself or internal: documented, but not something to write by hand. */
  readonly hidden: boolean;
  /** Kinds it applies to; `Any` for every kind. */
  readonly resources: readonly string[];
}

export interface MetadataKeyTable {
  readonly sources: readonly string[];
  readonly labels: readonly MetadataKey[];
  readonly annotations: readonly MetadataKey[];
}

export const LABELS_SOURCE = 'source/istio/labels.yaml';
export const ANNOTATIONS_SOURCE = 'source/istio/annotations.yaml';

const FEATURE_STATUSES: ReadonlySet<string> = new Set(['Alpha', 'Beta', 'Stable']);

export function generateMetadataKeys(labelsYaml: string, annotationsYaml: string): string {
  const table: MetadataKeyTable = {
    sources: [LABELS_SOURCE, ANNOTATIONS_SOURCE],
    labels: readKeys(labelsYaml, 'labels', LABELS_SOURCE),
    annotations: readKeys(annotationsYaml, 'annotations', ANNOTATIONS_SOURCE),
  };
  return JSON.stringify(table, null, 2) + '\n';
}

function readKeys(text: string, listName: string, source: string): MetadataKey[] {
  const parsed = parse(text) as Record<string, unknown> | null;
  const list = parsed?.[listName];
  if (!Array.isArray(list)) throw new Error(`${source} has no ${listName} list`);
  const keys = list.map((raw: Record<string, unknown>): MetadataKey => {
    const name = String(raw.name ?? '');
    // istio/api's generator files an entry without a status as Alpha; so does its documentation.
    const featureStatus = String(raw.featureStatus ?? 'Alpha');
    if (!name) throw new Error(`${source}: an entry without a name`);
    if (!FEATURE_STATUSES.has(featureStatus))
      throw new Error(`${source}: ${name} has feature status ${featureStatus}`);
    return {
      name,
      description: typeof raw.description === 'string' ? raw.description.trim() : '',
      featureStatus: featureStatus as FeatureStatus,
      deprecated: raw.deprecated === true,
      hidden: raw.hidden === true,
      resources: Array.isArray(raw.resources) ? raw.resources.map(String) : ['Any'],
    };
  });
  return keys.sort((a, b) => a.name.localeCompare(b.name));
}
