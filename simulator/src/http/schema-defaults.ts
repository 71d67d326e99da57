/**
 * Structural schema defaulting, as the API server applies a CRD's `default` values: a property missing
 * from an object gets a copy of its default, then defaulting goes on inside it and inside every present
 * property, list item and map value. The Gateway API relies on it (a route's parentRefs get `group` and
 * `kind`, an HTTPRoute rule its `/` path match); Istio's CRDs declare few defaults.
 */
import { isRecord } from '../model/kube-object';

/** Fills in defaults in `value` (mutated) from `schema`. */
export function applySchemaDefaults(value: unknown, schema: unknown): void {
  if (!isRecord(schema)) return;
  if (Array.isArray(value)) {
    for (const item of value) applySchemaDefaults(item, schema.items);
    return;
  }
  if (!isRecord(value)) return;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [key, property] of Object.entries(properties)) {
    if (!(key in value) && isRecord(property) && property.default !== undefined)
      value[key] = structuredClone(property.default);
    if (key in value) applySchemaDefaults(value[key], property);
  }
  if (isRecord(schema.additionalProperties)) {
    for (const [key, child] of Object.entries(value))
      if (!(key in properties)) applySchemaDefaults(child, schema.additionalProperties);
  }
}
