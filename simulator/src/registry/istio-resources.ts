/**
 * Istio's resources, served like the API server serves CRDs: every kind and version of Istio's CRDs
 * (schemas/source), printer columns from `additionalPrinterColumns`, stored in the storage version.
 * The facts come from istio-crd-metadata.json, generated from the CRDs by
 * simulator/scripts/generate-crd-metadata.ts.
 */
import { isRecord, type KubeObject } from '../model/kube-object';
import { ageOf } from '../model/human-duration';
import { CREATION_TIMESTAMP_DESCRIPTION } from './builtin-column-definitions';
import metadata from './istio-crd-metadata.json';
import { type ResourceType, type TableSpec } from './resource-type';
import { compareKubeVersions } from './version-priority';

interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  priority?: number;
  description: string;
}

/** The column the API server gives CRDs that declare none. */
const DEFAULT_AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
  description: CREATION_TIMESTAMP_DESCRIPTION,
};

/** Evaluates the simple `.a.b.c` JSON paths CRD printer columns use. */
function valueAt(object: KubeObject, jsonPath: string): unknown {
  let current: unknown = object;
  for (const part of jsonPath.replace(/^\./, '').split('.'))
    current = isRecord(current) ? current[part] : undefined;
  return current;
}

/** Cells like the CRD table convertor: strings printed (lists as JSON), dates as ages. */
function printerCell(column: PrinterColumn, value: unknown, now: Date): unknown {
  if (value === undefined || value === null) return null;
  switch (column.type) {
    case 'date':
      return ageOf(value, now);
    case 'string':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'integer':
    case 'number':
      return typeof value === 'number' ? value : null;
    case 'boolean':
      return typeof value === 'boolean' ? value : null;
    default:
      return null;
  }
}

function printerTable(columns: readonly PrinterColumn[]): TableSpec {
  return {
    columns: columns.map((column) => ({
      name: column.name,
      type: column.type === 'date' ? 'date' : column.type,
      format: column.format ?? '',
      description: column.description,
      priority: column.priority ?? 0,
    })),
    cells: (object, now) =>
      columns.map((column) => printerCell(column, valueAt(object, column.jsonPath), now)),
  };
}

/** The shape of istio-crd-metadata.json and gateway-api-crd-metadata.json (generate-crd-metadata.ts). */
export interface CrdMetadata {
  readonly kinds: readonly {
    readonly group: string;
    readonly kind: string;
    readonly plural: string;
    readonly singular: string;
    readonly shortNames: readonly string[];
    readonly categories: readonly string[];
    readonly namespaced: boolean;
    readonly versions: readonly {
      readonly name: string;
      readonly served: boolean;
      readonly storage: boolean;
      readonly statusSubresource: boolean;
      readonly printerColumns: readonly PrinterColumn[];
      readonly associativeLists: Readonly<Record<string, readonly string[]>>;
    }[];
  }[];
}

export const ISTIO_RESOURCES: readonly ResourceType[] = crdResourceTypes(metadata);

/** Resource types as the API server makes them of CRDs: served versions by priority, custom. */
export function crdResourceTypes(crds: CrdMetadata): ResourceType[] {
  return crds.kinds.map((crd) => crdResourceType(crd));
}

function crdResourceType(crd: CrdMetadata['kinds'][number]): ResourceType {
  const served = crd.versions.filter((version) => version.served);
  const versions = served.map((version) => version.name).sort(compareKubeVersions);
  const storage = crd.versions.find((version) => version.storage) ?? served[0];
  const preferred = served.find((version) => version.name === versions[0]) ?? storage;
  return {
    group: crd.group,
    kind: crd.kind,
    listKind: `${crd.kind}List`,
    plural: crd.plural,
    singular: crd.singular,
    shortNames: crd.shortNames,
    categories: crd.categories,
    namespaced: crd.namespaced,
    versions,
    storageVersion: storage?.name ?? versions[0] ?? 'v1',
    statusSubresource: storage?.statusSubresource ?? false,
    associativeLists: (storage?.associativeLists ?? {}) as Record<string, string[]>,
    setLists: [],
    fieldLabels: {},
    table: printerTable(preferred?.printerColumns.length ? preferred.printerColumns : [DEFAULT_AGE_COLUMN]),
    custom: true,
  };
}
