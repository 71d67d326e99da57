/**
 * The `fieldValidation` query parameter for custom resources (Istio kinds), against their schemas:
 * unknown fields fail the request with `Strict` (what kubectl sends by default), and are pruned with a
 * `Warning` header with `Warn` (the server default) or silently with `Ignore`, as CRD pruning does on a
 * real API server; then the schema's defaults are filled in (schema-defaults.ts). Built-in kinds are not
 * checked (the simulator has no schemas for them).
 */
import { isRecord, type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { badRequest } from './api-status';
import { istioOpenApiSchema } from './openapi-documents';
import { applySchemaDefaults } from './schema-defaults';
import { GATEWAY_API_GROUP } from '../registry/gateway-api-resources';

type Directive = 'Strict' | 'Warn' | 'Ignore';

function directive(query: URLSearchParams): Directive {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value !== 'Strict' && value !== 'Warn' && value !== 'Ignore') {
    throw badRequest(
      `fieldValidation: Unsupported value: "${value}": supported values: "Ignore", "Strict", "Warn"`,
    );
  }
  return value;
}

/** Removes fields the schema does not declare (mutating `value`); returns their paths (`spec.foo`). */
function prune(value: unknown, schema: unknown, path: string, found: string[]): void {
  if (!isRecord(schema) || schema['x-kubernetes-preserve-unknown-fields'] === true) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => prune(item, schema.items, `${path}[${index}]`, found));
    return;
  }
  if (!isRecord(value)) return;
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  const additional = schema.additionalProperties;
  for (const key of Object.keys(value)) {
    const child = `${path}.${key}`;
    if (properties && key in properties) prune(value[key], properties[key], child, found);
    else if (isRecord(additional)) prune(value[key], additional, child, found);
    else if (properties && additional !== true) {
      found.push(child);
      delete value[key];
    }
  }
}

export interface ValidationOutcome {
  warnings: string[];
}

/**
 * Checks and prunes an object of a custom resource before it is stored (mutates `object`). `apply`
 * selects the wording server-side apply uses for the same error.
 */
export function validateFields(
  resource: ResourceType,
  version: string,
  object: KubeObject,
  query: URLSearchParams,
  apply: boolean,
): ValidationOutcome {
  const mode = directive(query);
  if (!resource.custom) return { warnings: [] };
  const schema = istioOpenApiSchema(resource, version);
  // A Gateway API CRD file not shipped with this copy: nothing to prune or default against.
  if (!schema && resource.group === GATEWAY_API_GROUP) return { warnings: [] };
  const properties = isRecord(schema?.properties) ? schema.properties : {};
  const unknown: string[] = [];
  for (const key of Object.keys(object)) {
    if (key === 'apiVersion' || key === 'kind' || key === 'metadata' || key === 'status') continue;
    if (key in properties) prune(object[key], properties[key], key, unknown);
    else {
      unknown.push(key);
      delete object[key];
    }
  }
  // A request body is defaulted as it is decoded; an applied configuration is not (the defaults it gets
  // once merged are nobody's: server-side apply's caller calls defaultObject on the merged object).
  if (!apply) defaultObject(resource, version, object);
  if (unknown.length === 0 || mode === 'Ignore') return { warnings: [] };
  if (mode === 'Strict') {
    const name = `${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;
    throw badRequest(
      apply
        ? `failed to create typed patch object (${name}; ${resource.group}/${version}, Kind=${resource.kind}): ${unknown.map((field) => `.${field}: field not declared in schema`).join(', ')}`
        : `${resource.kind} in version "${version}" cannot be handled as a ${resource.kind}: strict decoding error: ${unknown.map((field) => `unknown field "${field}"`).join(', ')}`,
    );
  }
  return { warnings: unknown.map((field) => `unknown field "${field}"`) };
}

/**
 * Fills in the schema's defaults (mutating `object`), as the API server does when it decodes a request
 * and again when it reads an object back from storage: a status the create dropped gets its defaults.
 */
export function defaultObject(resource: ResourceType, version: string, object: KubeObject): void {
  if (!resource.custom) return;
  const schema = istioOpenApiSchema(resource, version);
  if (!schema) return;
  const { metadata, ...rest } = object;
  applySchemaDefaults(rest, schema);
  Object.assign(object, rest, { metadata });
}
