/** Reads and decodes request bodies: JSON, or YAML for apply patches and YAML uploads. */
import { type IncomingMessage } from 'node:http';
import YAML from 'yaml';
import { badRequest, failure, unsupportedMediaType } from './api-status';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw failure(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? 'application/json').split(';')[0]?.trim().toLowerCase() ?? 'application/json';
}

/** What the API server decodes an object body from (create, update, delete options). */
const OBJECT_BODY_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

/** An object body of a create, update or delete: 415 for a media type the API server does not read. */
export function decodeObjectBody(text: string, type: string): unknown {
  if (!OBJECT_BODY_TYPES.includes(type)) throw unsupportedMediaType(OBJECT_BODY_TYPES);
  return decodeBody(text, type);
}

/** Decodes a body as JSON, or YAML when the media type says so (YAML also reads JSON). */
export function decodeBody(text: string, type: string): unknown {
  if (type === 'application/vnd.kubernetes.protobuf' || text.startsWith('k8s\u0000')) {
    throw failure(
      415,
      'UnsupportedMediaType',
      'meshwright-sim reads JSON and YAML request bodies only, not protobuf (which kubectl sends for `kubectl create <kind> NAME`); create the object from a manifest instead: kubectl create -f / kubectl apply -f',
    );
  }
  if (text.trim() === '') throw badRequest('the body of the request is empty');
  try {
    return type.includes('yaml') ? (YAML.parse(text) as unknown) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw badRequest(
      `the body of the request could not be decoded as ${type.includes('yaml') ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}
