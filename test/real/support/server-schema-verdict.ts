/**
 * The API server's verdict on one object: a server-side dry-run create (nothing is stored) with
 * `fieldValidation=Strict`. Strict because Meshwright reports unknown fields as kubectl does by default;
 * without it the server accepts the object, prunes the fields and only warns. Unknown and duplicate fields
 * then fail decoding (400 BadRequest, the fields named in the message), as does a wrong type in
 * `metadata`; schema and CEL rule violations are 422 Invalid with the fields in `details.causes`.
 */
import { type KubeRest } from './kube-rest';
import { type SchemaVerdict } from './meshwright-schema-verdict';
import { type ResourcePaths } from './resource-paths';

interface StatusCause {
  readonly field?: string;
  readonly message?: string;
}

interface ApiStatus {
  readonly reason?: string;
  readonly message?: string;
  readonly details?: { readonly causes?: readonly StatusCause[] };
}

/** The cause the server adds when it skipped CEL rules because of other errors: it names no field. */
const UNCHECKED_RULES = 'some validation rules were not checked';

/**
 * A cause's field; a format check (`int32`) leaves it `<nil>` and names the field at the end of its
 * message (`... must be of type integer with format int32 in spec.http[0].route[0].weight`).
 */
function fieldOf(cause: StatusCause): string {
  if (cause.field && cause.field !== '<nil>') return cause.field;
  return / in (\S+)$/.exec(cause.message ?? '')?.[1] ?? '<nil>';
}

const OBJECT_META_FIELD = /cannot unmarshal \S+ into Go struct field ObjectMeta\.(\w+)/;
const STRICT_DECODING_FIELD = /(?:unknown|duplicate) field "([^"]*)"/g;

export async function serverVerdict(
  rest: KubeRest,
  paths: ResourcePaths,
  object: Readonly<Record<string, unknown>>,
  namespace: string,
): Promise<SchemaVerdict> {
  const collection = await paths.collection(String(object.apiVersion), String(object.kind), namespace);
  const answer = await rest.request(`${collection}?dryRun=All&fieldValidation=Strict`, {
    method: 'POST',
    body: object,
  });
  if (answer.status === 200 || answer.status === 201) return { rejected: false, fields: [], messages: [] };
  const status = JSON.parse(answer.body) as ApiStatus;
  if (answer.status === 422 && status.reason === 'Invalid') {
    const causes = (status.details?.causes ?? []).filter(
      (cause) => !cause.message?.includes(UNCHECKED_RULES),
    );
    return {
      rejected: true,
      fields: causes.map(fieldOf),
      messages: causes.map((cause) => `${fieldOf(cause)}: ${cause.message ?? ''}`),
    };
  }
  const message = status.message ?? answer.body;
  if (answer.status === 400 && message.includes('strict decoding error')) {
    return {
      rejected: true,
      fields: [...message.matchAll(STRICT_DECODING_FIELD)].map((match) => String(match[1])),
      messages: [message],
    };
  }
  // ObjectMeta is decoded into Go types before any schema runs: a wrong type there fails decoding.
  const metadataField = OBJECT_META_FIELD.exec(message);
  if (answer.status === 400 && metadataField) {
    return { rejected: true, fields: [`metadata.${String(metadataField[1])}`], messages: [message] };
  }
  throw new Error(
    `dry-run create of ${String(object.kind)}: unexpected ${answer.status} ${answer.body.slice(0, 300)}`,
  );
}
