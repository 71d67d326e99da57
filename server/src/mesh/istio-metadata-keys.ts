/**
 * Istio's label and annotation keys as istio/api lists them (generated into istio-metadata-keys.json by
 * `npm run generate:schemas`): what each means, its feature status, whether it is deprecated, and the
 * kinds it goes on. The editor completes and explains them from here.
 */
import table from './istio-metadata-keys.json';

export type FeatureStatus = 'Alpha' | 'Beta' | 'Stable';

export interface IstioMetadataKey {
  readonly name: string;
  readonly description: string;
  readonly featureStatus: FeatureStatus;
  readonly deprecated: boolean;
  /** Written by Istio itself or internal: documented, but not something to write by hand. */
  readonly hidden: boolean;
  /** Kinds it applies to; `Any` for every kind. */
  readonly resources: readonly string[];
}

export type MetadataKeyPlace = 'labels' | 'annotations';

const KEYS: Readonly<Record<MetadataKeyPlace, readonly IstioMetadataKey[]>> = {
  labels: table.labels as IstioMetadataKey[],
  annotations: table.annotations as IstioMetadataKey[],
};

export function istioMetadataKeys(place: MetadataKeyPlace): readonly IstioMetadataKey[] {
  return KEYS[place];
}

export function istioMetadataKey(place: MetadataKeyPlace, name: string): IstioMetadataKey | undefined {
  return KEYS[place].find((key) => key.name === name);
}

/** Whether the key goes on objects of this kind (`Any` goes everywhere). */
export function appliesToKind(key: IstioMetadataKey, kind: string): boolean {
  return key.resources.includes('Any') || key.resources.includes(kind);
}
