/**
 * `kind: Status` error objects, worded and structured like the API server's (reason, code, details),
 * since clients parse them: client-node and kubectl show `message`, informers react to `code` 410.
 */
import { type ResourceType, qualifiedKind, qualifiedResource } from '../registry/resource-type';

export interface StatusCause {
  reason?: string;
  message: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface KubeStatus {
  kind: 'Status';
  apiVersion: 'v1';
  /** Empty, but for an expired continue token: a token to go on with (an inconsistent list). */
  metadata: { continue?: string };
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A failed request: thrown by handlers, answered as a Status by the server. */
export class ApiError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
}

export function failure(code: number, reason: string, message: string, details?: StatusDetails): ApiError {
  return new ApiError({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  });
}

function resourceDetails(resource: ResourceType, name?: string): StatusDetails {
  return {
    ...(name !== undefined ? { name } : {}),
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.plural,
  };
}

export function notFound(resource: ResourceType, name: string): ApiError {
  return failure(
    404,
    'NotFound',
    `${qualifiedResource(resource)} "${name}" not found`,
    resourceDetails(resource, name),
  );
}

export function namespaceNotFound(namespace: string): ApiError {
  return failure(404, 'NotFound', `namespaces "${namespace}" not found`, {
    name: namespace,
    kind: 'namespaces',
  });
}

export function alreadyExists(resource: ResourceType, name: string): ApiError {
  return failure(
    409,
    'AlreadyExists',
    `${qualifiedResource(resource)} "${name}" already exists`,
    resourceDetails(resource, name),
  );
}

export function modifiedConflict(resource: ResourceType, name: string): ApiError {
  return failure(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(resource, name),
  );
}

export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

export function invalid(resource: ResourceType, name: string, causes: StatusCause[]): ApiError {
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(', ');
  const message = `${qualifiedKind(resource)} "${name}" is invalid: ${causes.length > 1 ? `[${summary}]` : summary}`;
  return failure(422, 'Invalid', message, {
    ...resourceDetails(resource, name),
    kind: resource.kind,
    causes,
  });
}

export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

export function forbidden(message: string, details: StatusDetails): ApiError {
  return failure(403, 'Forbidden', message, details);
}

/** A resource path in a group version the server serves, naming no resource of it. */
export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/**
 * A path outside every API the server serves (an unknown group or version): the API server's router
 * answers it in plain text, not with a Status.
 */
export class PageNotFound extends Error {
  static readonly body = '404 page not found\n';

  constructor() {
    super('404 page not found');
  }
}

export function methodNotAllowed(): ApiError {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** A body the server cannot decode (create, update). */
export function unsupportedMediaType(accepted: readonly string[]): ApiError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

/** A patch type the resource does not take: the API server answers this short message. */
export function unsupportedPatchType(): ApiError {
  return failure(415, 'UnsupportedMediaType', '415: Unsupported Media Type', {});
}

/** Request options the API server refuses (`ListOptions`, `PatchOptions`): 422 Invalid. */
export function invalidOptions(kind: string, causes: Required<StatusCause>[]): ApiError {
  const summary = causes.map((cause) => `${cause.field}: ${cause.message}`).join(', ');
  return failure(422, 'Invalid', `${kind}.meta.k8s.io "" is invalid: ${summary}`, {
    group: 'meta.k8s.io',
    kind,
    causes,
  });
}

export function notAcceptable(): ApiError {
  return failure(
    406,
    'NotAcceptable',
    'only the following media types are accepted: application/json, application/yaml',
  );
}

export function gone(message: string): ApiError {
  return failure(410, 'Expired', message);
}

export function internalError(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

/** A deletion's answer; the API server's carries no `code` (unlike its failures). */
export function success(details: StatusDetails): Omit<KubeStatus, 'code'> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}
