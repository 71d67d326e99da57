/**
 * OpenAPI v3 as the API server publishes it: `/openapi/v3` lists one document per group version, each
 * with the resources' paths and schemas. kubectl reads the PATCH operations' parameters to see that the
 * server supports `fieldValidation`, so `kubectl apply`/`diff` validate on the server and need no
 * OpenAPI v2 (which is protobuf-only for kubectl, and not served here). Istio schemas come from schemas/,
 * the Gateway API's from its CRDs in schemas/source/gateway-api.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { apiVersionOf, isRecord } from '../model/kube-object';
import { type ResourceRegistry } from '../registry/resource-registry';
import YAML from 'yaml';
import { GATEWAY_API_GROUP } from '../registry/gateway-api-resources';
import { type ResourceType } from '../registry/resource-type';
import { packagePath } from '../package-files';

interface IndexEntry {
  apiVersion: string;
  kind: string;
  file: string;
}

/** JSON Schema keywords of schemas/ that are not OpenAPI 3.0 (editor messages, ids). */
const NON_OPENAPI_KEYS = new Set([
  '$schema',
  '$id',
  'title',
  'patternErrorMessage',
  'errorMessage',
  'markdownDescription',
  'propertyNames',
  'const',
]);

function toOpenApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApiSchema);
  if (!isRecord(schema)) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'type' && Array.isArray(value)) {
      // OpenAPI 3.0 has one type plus `nullable`, not JSON Schema's type lists.
      const types = value.filter((type) => type !== 'null');
      if (types.length === 1) result.type = types[0];
      if (types.length < value.length) result.nullable = true;
    } else if (key === 'const') result.enum = [value];
    else if (!NON_OPENAPI_KEYS.has(key))
      result[key] =
        key === 'properties' && isRecord(value)
          ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, toOpenApiSchema(child)]))
          : toOpenApiSchema(value);
  }
  return result;
}

let istioSchemaFiles: Map<string, string> | undefined;

function istioSchema(apiVersion: string, kind: string): Record<string, unknown> | undefined {
  if (!istioSchemaFiles) {
    const index = JSON.parse(fs.readFileSync(packagePath('schemas', 'index.json'), 'utf8')) as {
      kinds: IndexEntry[];
    };
    istioSchemaFiles = new Map(index.kinds.map((entry) => [`${entry.apiVersion}/${entry.kind}`, entry.file]));
  }
  const file = istioSchemaFiles.get(`${apiVersion}/${kind}`);
  if (!file) return undefined;
  return toOpenApiSchema(JSON.parse(fs.readFileSync(packagePath('schemas', file), 'utf8'))) as Record<
    string,
    unknown
  >;
}

/**
 * The OpenAPI schema of a custom kind (Istio's, the Gateway API's) in one version (cached), or undefined
 * for other kinds.
 */
export function istioOpenApiSchema(
  resource: ResourceType,
  version: string,
): Record<string, unknown> | undefined {
  if (!resource.custom) return undefined;
  const key = `${apiVersionOf(resource.group, version)}/${resource.kind}`;
  if (!schemaCache.has(key))
    schemaCache.set(
      key,
      resource.group === GATEWAY_API_GROUP
        ? gatewayApiSchema(resource, version)
        : istioSchema(apiVersionOf(resource.group, version), resource.kind),
    );
  return schemaCache.get(key);
}

/** The `openAPIV3Schema` of a Gateway API CRD version, read from its CRD file (they are OpenAPI already). */
function gatewayApiSchema(resource: ResourceType, version: string): Record<string, unknown> | undefined {
  const file = packagePath(
    'schemas',
    'source',
    'gateway-api',
    'standard',
    `${resource.group}_${resource.plural}.yaml`,
  );
  if (!fs.existsSync(file)) return undefined;
  const crd = YAML.parse(fs.readFileSync(file, 'utf8')) as {
    spec?: { versions?: { name?: string; schema?: { openAPIV3Schema?: unknown } }[] };
  };
  const schema = crd.spec?.versions?.find((entry) => entry.name === version)?.schema?.openAPIV3Schema;
  return isRecord(schema) ? schema : undefined;
}

const schemaCache = new Map<string, Record<string, unknown> | undefined>();

function schemaName(resource: ResourceType, version: string): string {
  if (resource.custom) return `${resource.group.split('.').reverse().join('.')}.${version}.${resource.kind}`;
  const group = resource.group === '' ? 'core' : resource.group.replace(/\.k8s\.io$/, '');
  return `io.k8s.api.${group}.${version}.${resource.kind}`;
}

const queryParameter = (name: string, type = 'string'): object => ({
  name,
  in: 'query',
  schema: { type, uniqueItems: true },
});
const pathParameter = (name: string): object => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

function resourcePaths(resource: ResourceType, version: string): Record<string, object> {
  const base = resource.group === '' ? `/api/${version}` : `/apis/${resource.group}/${version}`;
  const gvk = { group: resource.group, version, kind: resource.kind };
  const ref = { $ref: `#/components/schemas/${schemaName(resource, version)}` };
  const operation = (action: string, verb: string, extra: object = {}): object => ({
    operationId: `${verb}${resource.kind}`,
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: ref } } } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    ...extra,
  });
  const writeParameters = [
    queryParameter('dryRun'),
    queryParameter('fieldManager'),
    queryParameter('fieldValidation'),
  ];
  const patchTypes = [
    'application/apply-patch+yaml',
    'application/json-patch+json',
    'application/merge-patch+json',
    ...(resource.custom ? [] : ['application/strategic-merge-patch+json']),
  ];
  const body = (types: string[]): object => ({
    requestBody: {
      content: Object.fromEntries(types.map((type) => [type, { schema: ref }])),
      required: true,
    },
  });
  const scope = resource.namespaced
    ? `${base}/namespaces/{namespace}/${resource.plural}`
    : `${base}/${resource.plural}`;
  const scopeParameters = resource.namespaced ? [pathParameter('namespace')] : [];
  const paths: Record<string, object> = {
    [scope]: {
      get: operation('list', 'list', {
        parameters: [
          queryParameter('labelSelector'),
          queryParameter('fieldSelector'),
          queryParameter('watch', 'boolean'),
        ],
      }),
      post: operation('post', 'create', { parameters: writeParameters, ...body(['application/json']) }),
      delete: operation('deletecollection', 'deleteCollection'),
      parameters: scopeParameters,
    },
    [`${scope}/{name}`]: {
      get: operation('get', 'read'),
      put: operation('put', 'replace', { parameters: writeParameters, ...body(['application/json']) }),
      patch: operation('patch', 'patch', {
        parameters: [...writeParameters, queryParameter('force', 'boolean')],
        ...body(patchTypes),
      }),
      delete: operation('delete', 'delete', { parameters: [queryParameter('dryRun')] }),
      parameters: [pathParameter('name'), ...scopeParameters],
    },
  };
  if (resource.namespaced)
    paths[`${base}/${resource.plural}`] = { get: operation('list', 'listForAllNamespaces') };
  return paths;
}

function groupVersionDocument(
  registry: ResourceRegistry,
  group: string,
  version: string,
): object | undefined {
  const resources = registry.inGroupVersion(group, version);
  if (resources.length === 0) return undefined;
  const schemas: Record<string, object> = {};
  for (const resource of resources) {
    const gvk = [{ group: resource.group, version, kind: resource.kind }];
    const schema = istioOpenApiSchema(resource, version);
    schemas[schemaName(resource, version)] = {
      ...(schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }),
      'x-kubernetes-group-version-kind': gvk,
    };
  }
  return {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'meshwright-sim' },
    paths: Object.assign({}, ...resources.map((resource) => resourcePaths(resource, version))) as object,
    components: { schemas },
  };
}

interface CachedDocument {
  body: string;
  hash: string;
}

const documents = new WeakMap<ResourceRegistry, Map<string, CachedDocument | null>>();

/** The document for `apis/<group>/<version>` or `api/v1` (JSON text and its hash), cached per registry. */
export function openApiDocument(
  registry: ResourceRegistry,
  documentPath: string,
): CachedDocument | undefined {
  let cache = documents.get(registry);
  if (!cache) {
    cache = new Map();
    documents.set(registry, cache);
  }
  if (!cache.has(documentPath)) {
    const parts = documentPath.split('/');
    const document =
      parts[0] === 'api' && parts.length === 2
        ? groupVersionDocument(registry, '', parts[1] ?? '')
        : parts[0] === 'apis' && parts.length === 3
          ? groupVersionDocument(registry, parts[1] ?? '', parts[2] ?? '')
          : undefined;
    const body = document && JSON.stringify(document);
    cache.set(
      documentPath,
      body ? { body, hash: createHash('sha512').update(body).digest('hex').toUpperCase() } : null,
    );
  }
  return cache.get(documentPath) ?? undefined;
}

/** `/openapi/v3`: where each group version's document is, with a content hash for client caches. */
export function openApiRoot(registry: ResourceRegistry): object {
  const documentPaths = [
    'api/v1',
    ...registry.groups().flatMap((group) => group.versions.map((version) => `apis/${group.name}/${version}`)),
  ];
  return {
    paths: Object.fromEntries(
      documentPaths.map((documentPath) => [
        documentPath,
        {
          serverRelativeURL: `/openapi/v3/${documentPath}?hash=${openApiDocument(registry, documentPath)?.hash ?? ''}`,
        },
      ]),
    ),
  };
}
