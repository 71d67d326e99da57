/**
 * The structural schemas the API server validates Istio and Gateway API objects against: each served version's
 * `openAPIV3Schema` of the CRDs the harness installs (schemas/source), by apiVersion and kind. The schema
 * oracle's generator walks these, not Meshwright's generated JSON schemas, so that its mutations aim at
 * what the server checks rather than at what Meshwright believes it checks.
 */
import { harnessCrds } from './seed';

/** One node of a structural schema, as the CRD writes it. */
export type StructuralSchema = Readonly<Record<string, unknown>>;

export interface ServedKind {
  readonly apiVersion: string;
  readonly kind: string;
  readonly schema: StructuralSchema;
}

interface CrdVersion {
  readonly name: string;
  readonly served?: boolean;
  readonly schema?: { readonly openAPIV3Schema?: StructuralSchema };
}

/** The API groups whose documents Meshwright validates: Istio's and the Gateway API's. */
function isValidatedGroup(group: string): boolean {
  return group.endsWith('.istio.io') || group === 'gateway.networking.k8s.io';
}

/**
 * Every served version of the Istio and Gateway API CRDs the harness installs (the Gateway API's
 * standard channel), keyed `apiVersion kind`.
 */
export function validatedServedKinds(): ReadonlyMap<string, ServedKind> {
  const kinds = new Map<string, ServedKind>();
  for (const crd of harnessCrds()) {
    const spec = crd.spec as { group: string; names: { kind: string }; versions: CrdVersion[] };
    if (!isValidatedGroup(spec.group)) continue;
    for (const version of spec.versions) {
      const schema = version.schema?.openAPIV3Schema;
      if (version.served === false || !schema) continue;
      const apiVersion = `${spec.group}/${version.name}`;
      kinds.set(`${apiVersion} ${spec.names.kind}`, { apiVersion, kind: spec.names.kind, schema });
    }
  }
  return kinds;
}

/** The schema of the node at `path` (object keys and array indexes), or undefined past the schema. */
export function schemaAt(
  root: StructuralSchema,
  path: readonly (string | number)[],
): StructuralSchema | undefined {
  let node: StructuralSchema | undefined = root;
  for (const step of path) {
    if (!node) return undefined;
    node = childSchema(node, step);
  }
  return node;
}

export function childSchema(node: StructuralSchema, step: string | number): StructuralSchema | undefined {
  if (typeof step === 'number') return node.items as StructuralSchema | undefined;
  const properties = node.properties as Record<string, StructuralSchema> | undefined;
  if (properties && Object.hasOwn(properties, step)) return properties[step];
  const additional = node.additionalProperties;
  return typeof additional === 'object' && additional !== null ? (additional as StructuralSchema) : undefined;
}
