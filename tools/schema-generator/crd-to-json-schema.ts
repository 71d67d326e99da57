/**
 * Converts one served version of an Istio or Gateway API CustomResourceDefinition into a draft-07 JSON Schema for a
 * whole object (apiVersion, kind, metadata, spec, status), in the dialect yaml-language-server validates.
 *
 * Kubernetes structural schemas differ from JSON Schema in a few ways this module bridges:
 * - `x-kubernetes-int-or-string` becomes `anyOf [integer, string]`; `nullable` adds `null`.
 * - A null value of an optional field that is not nullable is dropped by the API server before it
 *   validates (structural pruning), so such a field accepts `null` too; a required field does not (the
 *   server reports it missing), nor does a list item (the server keeps it and rejects it).
 * - `format: int32` bounds the integer and `format: byte` asks for base64, as the server's format
 *   checks do.
 * - Objects with declared properties reject unknown fields (kubectl's default `--validate=strict`
 *   refuses them), unless `x-kubernetes-preserve-unknown-fields` keeps them.
 * - CEL rules become JSON Schema where it means the same (see cel-translation.ts); the others are
 *   returned with their instance path for the analysis engine.
 */
import { type CelRule, translateCelRule } from './cel-translation';

export type JsonSchema = Record<string, unknown>;

/** Path segment conventions: property names as is, `[]` for array items, `{}` for map values. */
export type SchemaPath = readonly string[];

export interface UntranslatedCelRule {
  readonly path: SchemaPath;
  readonly rule: string;
  readonly message: string;
}

export interface CrdVersionInput {
  readonly group: string;
  readonly kind: string;
  readonly version: string;
  readonly openAPIV3Schema: JsonSchema;
}

/**
 * A field's `default`: the API server sets it, where the field is absent (or null) in an object at
 * `path`, before it validates, so CEL rules see it (the Gateway API defaults `group` and `kind` of
 * every reference this way).
 */
export interface FieldDefault {
  readonly path: SchemaPath;
  readonly field: string;
  readonly value: unknown;
}

export interface ConvertedSchema {
  readonly schema: JsonSchema;
  readonly celRules: readonly UntranslatedCelRule[];
  readonly defaults: readonly FieldDefault[];
}

/** What converting a schema collects besides the schema. */
interface Collected {
  readonly celRules: UntranslatedCelRule[];
  readonly defaults: FieldDefault[];
}

export const SCHEMA_URI_PREFIX = 'meshwright://schemas/';

export function schemaFileName(group: string, version: string, kind: string): string {
  return `${group}/${version}/${kind}.json`;
}

export function convertCrdVersion(input: CrdVersionInput): ConvertedSchema {
  const collected: Collected = { celRules: [], defaults: [] };
  const root = input.openAPIV3Schema;
  const rootProperties = (root.properties ?? {}) as Record<string, JsonSchema>;
  const apiVersion = `${input.group}/${input.version}`;

  const properties: Record<string, JsonSchema> = {
    apiVersion: {
      description:
        'APIVersion defines the versioned schema of this representation of an object. ' +
        `For ${input.kind}: ${apiVersion}.`,
      type: 'string',
      const: apiVersion,
    },
    kind: {
      description: 'Kind is a string value representing the REST resource this object represents.',
      type: 'string',
      const: input.kind,
    },
    metadata: objectMetaSchema(),
  };
  const rootRequired = new Set((root.required ?? []) as string[]);
  for (const [name, child] of Object.entries(rootProperties)) {
    // Some CRDs (the Gateway API's) declare the object's own apiVersion, kind and metadata as well; the
    // server checks those itself, as the schemas above say, so ours stand.
    if (name in properties) continue;
    const converted = convertNode(child, [name], collected);
    properties[name] = rootRequired.has(name) ? converted : droppedWhenNull(converted);
  }

  const schema: JsonSchema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_URI_PREFIX + schemaFileName(input.group, input.version, input.kind),
    title: `${input.kind} (${apiVersion})`,
    description: describeKind(input.group, input.kind, rootProperties.spec),
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata'],
    properties,
    additionalProperties: false,
  };
  return { schema, celRules: collected.celRules, defaults: collected.defaults };
}

function describeKind(group: string, kind: string, spec: JsonSchema | undefined): string {
  const family = group === 'istio.io' || group.endsWith('.istio.io') ? 'Istio' : 'Gateway API';
  const specDescription = typeof spec?.description === 'string' ? spec.description : '';
  return specDescription ? `${family} ${kind}. ${specDescription}` : `${family} ${kind}.`;
}

/** Keywords copied as they are: they mean the same in OpenAPI v3 and JSON Schema draft-07. */
const COPIED_KEYWORDS = [
  'description',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'default',
] as const;

/** Formats yaml-language-server checks; the numeric ones (int32, double) and byte it does not know. */
const KEPT_FORMATS = new Set(['date-time']);

/**
 * `inAlternative`: the node is inside a oneOf/anyOf/allOf/not. There it only constrains values (a
 * structural schema declares its fields outside those), so it does not refuse the fields it leaves out.
 */
function convertNode(
  node: JsonSchema,
  path: SchemaPath,
  collected: Collected,
  inAlternative = false,
): JsonSchema {
  const out: JsonSchema = {};
  for (const keyword of COPIED_KEYWORDS) {
    if (node[keyword] !== undefined) out[keyword] = node[keyword];
  }
  if (typeof node.format === 'string' && KEPT_FORMATS.has(node.format)) out.format = node.format;
  if (node.format === 'byte' && node.type === 'string') {
    mergeFragment(out, {
      pattern: BASE64_PATTERN,
      patternErrorMessage:
        'must be base64: the standard alphabet, padded with "=" to a multiple of 4 characters, not empty',
    });
  }
  if (node.format === 'int32' && node.type === 'integer') {
    out.minimum = Math.max(typeof node.minimum === 'number' ? node.minimum : INT32_MIN, INT32_MIN);
    out.maximum = Math.min(typeof node.maximum === 'number' ? node.maximum : INT32_MAX, INT32_MAX);
  }

  if (node['x-kubernetes-int-or-string'] === true) {
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  } else if (typeof node.type === 'string') {
    out.type = node.nullable === true ? [node.type, 'null'] : node.type;
  }

  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node.properties !== undefined) {
    const required = new Set((node.required ?? []) as string[]);
    const properties: Record<string, JsonSchema> = {};
    for (const [name, child] of Object.entries(node.properties as Record<string, JsonSchema>)) {
      if (child.default !== undefined) collected.defaults.push({ path, field: name, value: child.default });
      const converted = convertNode(child, [...path, name], collected, inAlternative);
      properties[name] = required.has(name) ? converted : droppedWhenNull(converted);
    }
    out.properties = properties;
  }
  if (node.additionalProperties !== undefined) {
    out.additionalProperties =
      typeof node.additionalProperties === 'object'
        ? droppedWhenNull(
            convertNode(node.additionalProperties as JsonSchema, [...path, '{}'], collected, inAlternative),
          )
        : node.additionalProperties;
  } else if (node.properties !== undefined && !preserveUnknown && !inAlternative) {
    out.additionalProperties = false;
  }
  if (node.items !== undefined) {
    out.items = convertNode(node.items as JsonSchema, [...path, '[]'], collected, inAlternative);
  }
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (Array.isArray(node[combinator]) && combinator !== 'anyOf') {
      out[combinator] = (node[combinator] as JsonSchema[]).map((sub) =>
        convertNode(sub, path, collected, true),
      );
    }
  }
  // `anyOf` is either the int-or-string pair (handled above) or an Istio oneof guard.
  if (Array.isArray(node.anyOf) && node['x-kubernetes-int-or-string'] !== true) {
    out.anyOf = (node.anyOf as JsonSchema[]).map((sub) => convertNode(sub, path, collected, true));
  }
  if (node.not !== undefined) out.not = convertNode(node.not as JsonSchema, path, collected, true);
  defaultAbsentFieldsInAlternatives(out, node);

  for (const rule of (node['x-kubernetes-validations'] ?? []) as CelRule[]) {
    // Transition rules (`self == oldSelf`) judge an update against the stored object; a document on its
    // own has no old version to compare with, so there is nothing to check.
    if (TRANSITION_RULE.test(rule.rule)) continue;
    const fragment = translateCelRule(rule);
    if (fragment) {
      mergeFragment(out, fragment);
    } else {
      collected.celRules.push({
        path,
        rule: rule.rule,
        message: rule.message ?? `failed rule: ${rule.rule}`,
      });
    }
  }
  return node.nullable === true ? withNullSafeGuards(out) : out;
}

const TRANSITION_RULE = /\boldSelf\b/;

/**
 * The server defaults a field before it judges the object's oneOf/anyOf alternatives, so an alternative
 * that constrains a defaulted field judges its default when the field is absent. JSON Schema judges no
 * absent field: each such alternative gets `required` for that field when its default fails the
 * alternative's constraint (known statically), and stays as it is when the default satisfies it. The
 * Gateway API's addresses are the case: `type` defaults to IPAddress, and one alternative is "not
 * IPAddress".
 */
function defaultAbsentFieldsInAlternatives(out: JsonSchema, node: JsonSchema): void {
  const declared = (node.properties ?? {}) as Record<string, JsonSchema>;
  const defaults = Object.entries(declared).filter(([, child]) => child.default !== undefined);
  if (defaults.length === 0) return;
  for (const combinator of ['oneOf', 'anyOf', 'allOf'] as const) {
    const alternatives = out[combinator];
    if (!Array.isArray(alternatives)) continue;
    out[combinator] = (alternatives as JsonSchema[]).map((alternative) => {
      const constrained = (alternative.properties ?? {}) as Record<string, JsonSchema>;
      const needed = defaults
        .filter(
          ([name, child]) => constrained[name] && satisfiedBy(constrained[name], child.default) === false,
        )
        .map(([name]) => name);
      if (needed.length === 0) return alternative;
      const required = [...new Set([...((alternative.required as string[] | undefined) ?? []), ...needed])];
      return { ...alternative, required };
    });
  }
}

/** Whether `value` meets `schema`, for the few keywords that decide it alone; undefined when unsure. */
function satisfiedBy(schema: JsonSchema, value: unknown): boolean | undefined {
  const known = new Set(['enum', 'const', 'not', 'type', 'description']);
  if (Object.keys(schema).some((keyword) => !known.has(keyword))) return undefined;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (schema.const !== undefined && schema.const !== value) return false;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    const matches = types.some((type) => type === actual || (type === 'integer' && Number.isInteger(value)));
    if (!matches) return false;
  }
  if (schema.not !== undefined) {
    const inner = satisfiedBy(schema.not as JsonSchema, value);
    return inner === undefined ? undefined : !inner;
  }
  return true;
}

/**
 * The server's `format: byte` check (govalidator's IsBase64, through kube-openapi's strfmt): standard
 * alphabet, padded, at least one group, so the empty string is refused.
 */
const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$';

const INT32_MIN = -2_147_483_648;
const INT32_MAX = 2_147_483_647;

/**
 * A field whose null the API server drops before validating (an optional, non-nullable property or map
 * value): null is accepted as if the field were absent.
 */
function droppedWhenNull(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...schema };
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  else if (Array.isArray(out.type) && !out.type.includes('null'))
    out.type = [...(out.type as string[]), 'null'];
  else if (out.type === undefined && Array.isArray(out.anyOf))
    out.anyOf = [...(out.anyOf as JsonSchema[]), { type: 'null' }];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...(out.enum as unknown[]), null];
  return withNullSafeGuards(out);
}

/**
 * Istio's oneof guards (`oneOf: [{not: {anyOf: [{required: [a]}, …]}}, {required: [a]}, …]`) hold for
 * objects only: `required` ignores other values, so a null would match every `required` alternative and
 * fail the `oneOf`. Each alternative is made to apply to objects alone; objects are judged as before.
 */
function withNullSafeGuards(schema: JsonSchema): JsonSchema {
  const forObjects = (alternative: JsonSchema): JsonSchema => {
    if (alternative.type !== undefined) return alternative;
    if (typeof alternative.not === 'object' && alternative.not !== null)
      return { ...alternative, not: { type: 'object', ...(alternative.not as JsonSchema) } };
    return alternative.required !== undefined ? { type: 'object', ...alternative } : alternative;
  };
  const guarded = (node: JsonSchema): JsonSchema =>
    Array.isArray(node.oneOf) ? { ...node, oneOf: (node.oneOf as JsonSchema[]).map(forObjects) } : node;
  const out = guarded(schema);
  if (Array.isArray(out.allOf)) out.allOf = (out.allOf as JsonSchema[]).map(guarded);
  return out;
}

function mergeFragment(target: JsonSchema, fragment: JsonSchema): void {
  for (const [keyword, value] of Object.entries(fragment)) {
    const existing = target[keyword];
    if (keyword === 'propertyNames' && existing && typeof existing === 'object') {
      target[keyword] = { allOf: [existing, value] };
    } else if (keyword === 'pattern' && typeof existing === 'string') {
      target.allOf = [...((target.allOf as JsonSchema[] | undefined) ?? []), { pattern: value }];
    } else {
      target[keyword] = value;
    }
  }
}

/**
 * Kubernetes ObjectMeta as a user writes it, plus the fields the API server sets so that live copies
 * (kubectl get -o yaml) validate too. `name` is required: Istio objects are applied by name.
 */
/**
 * A Kubernetes qualified name (label and annotation keys, finalizers): an optional DNS-1123 subdomain
 * prefix of at most 253 characters and `/`, then a name of at most 63: letters, digits, `-`, `_`, `.`,
 * starting and ending with a letter or digit.
 */
const QUALIFIED_NAME = {
  type: 'string',
  pattern:
    '^(?:(?=[^/]{1,253}/)[a-z0-9](?:[-a-z0-9]*[a-z0-9])?(?:\\.[a-z0-9](?:[-a-z0-9]*[a-z0-9])?)*/)?(?=[^/]{1,63}$)[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?$',
  patternErrorMessage:
    'Must be a qualified name: an optional DNS-1123 prefix and "/", then at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
};

/** A label value: at most 63 characters, empty or as a qualified name's name part. */
const LABEL_VALUE = {
  type: ['string', 'null'],
  maxLength: 63,
  pattern: '^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]*[A-Za-z0-9])?)?$',
  patternErrorMessage:
    'A label value must be empty or at most 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit.',
};

export function objectMetaSchema(): JsonSchema {
  // What the server checks in ObjectMeta for every kind (ValidateObjectMeta): keys, label values, finalizers.
  const labels = { type: 'object', propertyNames: QUALIFIED_NAME, additionalProperties: LABEL_VALUE };
  const annotations = {
    type: 'object',
    propertyNames: QUALIFIED_NAME,
    additionalProperties: { type: ['string', 'null'] },
  };
  const serverSet = (description: string): JsonSchema => ({
    description: `${description} Set by the API server.`,
  });
  return {
    description: 'Standard object metadata: name, namespace, labels and annotations.',
    type: 'object',
    required: ['name'],
    properties: {
      name: {
        description:
          'Name of the object, unique within its namespace. A DNS-1123 subdomain: lower case letters, digits, "-" and ".".',
        type: 'string',
        maxLength: 253,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$',
        patternErrorMessage:
          'Name must be a DNS-1123 subdomain: lower case letters, digits, "-" and ".", starting and ending with a letter or digit.',
      },
      namespace: {
        description:
          'Namespace the object lives in. When omitted, the namespace of the apply (or `default`).',
        type: 'string',
        maxLength: 63,
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        patternErrorMessage: 'Namespace must be a DNS-1123 label: lower case letters, digits and "-".',
      },
      labels: { description: 'Labels: identifying key/value pairs used by selectors.', ...labels },
      annotations: { description: 'Annotations: non-identifying metadata.', ...annotations },
      generateName: { description: 'Prefix for a name generated by the server.', type: 'string' },
      finalizers: { type: 'array', items: QUALIFIED_NAME },
      ownerReferences: { type: 'array', items: { type: 'object' } },
      uid: serverSet('Unique ID of the object.'),
      resourceVersion: serverSet('Version of the object for optimistic concurrency.'),
      generation: serverSet('Generation of the desired state.'),
      creationTimestamp: serverSet('Time the object was created.'),
      deletionTimestamp: serverSet('Time the object will be deleted.'),
      deletionGracePeriodSeconds: serverSet('Grace period before deletion.'),
      managedFields: serverSet('Field ownership for server-side apply.'),
      selfLink: serverSet('Legacy self link.'),
    },
    additionalProperties: false,
  };
}
