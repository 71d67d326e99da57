/**
 * Mutations of a valid Istio object aimed at what a CRD's structural schema checks: wrong types, unknown
 * fields, enum violations, missing required fields, values on either side of a bound (minimum, maxLength,
 * maxItems, int32), null, int-or-string, duplicate list items, formats and patterns. Each takes the
 * object's plain value and its kind's schema and returns a changed copy, or undefined when the object has
 * no node it applies to. Choices come from the caller's seeded generator, so a corpus is the same on
 * every run.
 */
import { type StructuralSchema, childSchema } from './crd-schemas';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

/** Deterministic choices: `below(n)` is an integer in [0, n). */
export interface Choices {
  below(count: number): number;
}

export type MutationCategory =
  | 'wrong-type'
  | 'unknown-field'
  | 'enum'
  | 'missing-required'
  | 'boundary'
  | 'null'
  | 'int-or-string'
  | 'duplicate-items'
  | 'format'
  | 'pattern';

export const MUTATION_CATEGORIES: readonly MutationCategory[] = [
  'wrong-type',
  'unknown-field',
  'enum',
  'missing-required',
  'boundary',
  'null',
  'int-or-string',
  'duplicate-items',
  'format',
  'pattern',
];

/** A place a mutation can write: an existing node, or an absent property of an existing object. */
interface Site {
  readonly path: JsonPath;
  readonly schema: StructuralSchema;
  readonly present: boolean;
  readonly value: Json | undefined;
}

/** The sites of `object` under `spec` (metadata is ObjectMeta, checked by the server's own code). */
function sitesOf(object: Json, root: StructuralSchema): Site[] {
  const sites: Site[] = [];
  const visit = (value: Json, schema: StructuralSchema, path: JsonPath): void => {
    sites.push({ path, schema, present: true, value });
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const items = childSchema(schema, index);
        if (items) visit(item, items, [...path, index]);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const child = childSchema(schema, key);
        if (child) visit(item, child, [...path, key]);
      }
      const properties = (schema.properties ?? {}) as Record<string, StructuralSchema>;
      for (const [key, child] of Object.entries(properties)) {
        if (!Object.hasOwn(value, key))
          sites.push({ path: [...path, key], schema: child, present: false, value: undefined });
      }
    }
  };
  const spec = (object as Record<string, Json>).spec;
  const specSchema = childSchema(root, 'spec');
  if (spec !== undefined && specSchema) visit(spec, specSchema, ['spec']);
  return sites;
}

/** A copy of `object` with the node at `path` replaced (parents created as objects), or removed. */
export function withValueAt(object: Json, path: JsonPath, value: Json | undefined): Json {
  const copy = structuredClone(object);
  let parent = copy as Record<string | number, Json>;
  for (const [index, step] of path.slice(0, -1).entries()) {
    const next = parent[step];
    if (next === null || typeof next !== 'object') {
      parent[step] = typeof path[index + 1] === 'number' ? [] : {};
    }
    parent = parent[step] as Record<string | number, Json>;
  }
  const last = path[path.length - 1] as string | number;
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else parent[last] = value;
  return copy;
}

function pick<T>(items: readonly T[], choices: Choices): T | undefined {
  return items.length === 0 ? undefined : items[choices.below(items.length)];
}

const isIntOrString = (schema: StructuralSchema): boolean => schema['x-kubernetes-int-or-string'] === true;

/** A value of another type than the schema asks for. */
function wrongTypeFor(schema: StructuralSchema, choices: Choices): Json | undefined {
  if (isIntOrString(schema)) return pick<Json>([true, { port: 1 }, 1.5], choices);
  switch (schema.type) {
    case 'string':
      return pick<Json>([42, true, ['x']], choices);
    case 'integer':
      return pick<Json>(['7', 1.5, false], choices);
    case 'number':
      return pick<Json>(['1.5', true], choices);
    case 'boolean':
      return pick<Json>(['true', 1], choices);
    case 'array':
      return pick<Json>([{ item: 'x' }, 'x'], choices);
    case 'object':
      return pick<Json>([['x'], 'x', 3], choices);
    default:
      return undefined;
  }
}

/** A value just inside or just outside one of the schema's bounds. */
function boundaryFor(site: Site, choices: Choices): Json | undefined {
  const { schema } = site;
  const outside = choices.below(2) === 0;
  const options: Json[] = [];
  if (typeof schema.minimum === 'number') options.push(outside ? schema.minimum - 1 : schema.minimum);
  if (typeof schema.maximum === 'number') options.push(outside ? schema.maximum + 1 : schema.maximum);
  if (schema.format === 'int32' && schema.maximum === undefined)
    options.push(outside ? 2_147_483_648 : 2_147_483_647);
  if (schema.format === 'int32' && schema.minimum === undefined)
    options.push(outside ? -2_147_483_649 : -2_147_483_648);
  if (typeof schema.maxLength === 'number') options.push('a'.repeat(schema.maxLength + (outside ? 1 : 0)));
  if (typeof schema.minLength === 'number' && schema.minLength > 0)
    options.push('a'.repeat(schema.minLength - (outside ? 1 : 0)));
  const sample = Array.isArray(site.value) && site.value.length > 0 ? site.value[0] : undefined;
  if (typeof schema.maxItems === 'number' && sample !== undefined)
    options.push(Array.from({ length: schema.maxItems + (outside ? 1 : 0) }, () => structuredClone(sample)));
  if (typeof schema.minItems === 'number' && schema.minItems > 0 && sample !== undefined)
    options.push(Array.from({ length: schema.minItems - (outside ? 1 : 0) }, () => structuredClone(sample)));
  if (typeof schema.maxProperties === 'number' && site.value && typeof site.value === 'object') {
    const sampleValue = Object.values(site.value)[0];
    if (sampleValue !== undefined) {
      const size = schema.maxProperties + (outside ? 1 : 0);
      options.push(
        Object.fromEntries(Array.from({ length: size }, (_, i) => [`key${i}`, structuredClone(sampleValue)])),
      );
    }
  }
  return pick(options, choices);
}

function hasBound(schema: StructuralSchema): boolean {
  return (
    ['minimum', 'maximum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties'].some(
      (keyword) => typeof schema[keyword] === 'number',
    ) || schema.format === 'int32'
  );
}

/** The mutation of `category` on `object`, or undefined when the object has no site for it. */
export function mutate(
  object: Json,
  root: StructuralSchema,
  category: MutationCategory,
  choices: Choices,
): Json | undefined {
  const sites = sitesOf(object, root);
  const present = sites.filter((site) => site.present);
  switch (category) {
    case 'wrong-type': {
      const site = pick(present, choices);
      const value = site && wrongTypeFor(site.schema, choices);
      return site && value !== undefined ? withValueAt(object, site.path, value) : undefined;
    }
    case 'unknown-field': {
      const objects = present.filter(
        (site) =>
          site.value !== null &&
          typeof site.value === 'object' &&
          !Array.isArray(site.value) &&
          (site.schema.properties !== undefined ||
            site.schema['x-kubernetes-preserve-unknown-fields'] === true),
      );
      const site = pick(objects, choices);
      return site && withValueAt(object, [...site.path, 'notAField'], 'x');
    }
    case 'enum': {
      const site = pick(
        sites.filter((candidate) => Array.isArray(candidate.schema.enum)),
        choices,
      );
      if (!site) return undefined;
      const allowed = site.schema.enum as Json[];
      const first = String(allowed[0]);
      const value = pick<Json>(
        ['NOT_A_VALUE', first.toLowerCase(), allowed[allowed.length - 1] as Json],
        choices,
      );
      return withValueAt(object, site.path, value as Json);
    }
    case 'missing-required': {
      const options = present.flatMap((site) =>
        ((site.schema.required ?? []) as string[])
          .filter(
            (name) =>
              site.value !== null && typeof site.value === 'object' && Object.hasOwn(site.value, name),
          )
          .map((name) => [...site.path, name]),
      );
      const at = pick(options, choices);
      return at && withValueAt(object, at, undefined);
    }
    case 'boundary': {
      const site = pick(
        sites.filter((candidate) => hasBound(candidate.schema)),
        choices,
      );
      const value = site && boundaryFor(site, choices);
      return site && value !== undefined ? withValueAt(object, site.path, value) : undefined;
    }
    case 'null': {
      const site = pick(
        present.filter((candidate) => candidate.path.length > 1),
        choices,
      );
      return site && withValueAt(object, site.path, null);
    }
    case 'int-or-string': {
      const site = pick(
        sites.filter((candidate) => isIntOrString(candidate.schema)),
        choices,
      );
      return (
        site &&
        withValueAt(object, site.path, pick<Json>(['50%', '8080', 8080, -1, 'http', ''], choices) as Json)
      );
    }
    case 'duplicate-items': {
      const site = pick(
        present.filter((candidate) => Array.isArray(candidate.value) && candidate.value.length > 0),
        choices,
      );
      return (
        site &&
        withValueAt(object, site.path, [
          ...(site.value as Json[]),
          structuredClone((site.value as Json[])[0] as Json),
        ])
      );
    }
    case 'format': {
      const site = pick(
        sites.filter((candidate) => ['date-time', 'byte'].includes(String(candidate.schema.format))),
        choices,
      );
      if (!site) return undefined;
      const value =
        site.schema.format === 'byte'
          ? pick<Json>(['not base64!', 'aGVsbG8=', ''], choices)
          : pick<Json>(['yesterday', '2024-01-01T00:00:00Z', '2024-01-01'], choices);
      return withValueAt(object, site.path, value as Json);
    }
    case 'pattern': {
      const site = pick(
        sites.filter((candidate) => typeof candidate.schema.pattern === 'string'),
        choices,
      );
      return site && withValueAt(object, site.path, pick<Json>(['Not Matching!', '', 'a'], choices) as Json);
    }
  }
}
