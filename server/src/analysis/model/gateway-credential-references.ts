/**
 * The Kubernetes Secrets a Gateway's servers name as TLS credentials (`tls.credentialName`, or
 * `tls.credentialNames` for several certificates), with the field path of each name. Other SDS providers
 * (`sds://...`) are not Secrets and are skipped; the `kubernetes://` prefix is dropped.
 */
import { type FieldPath } from '../../yaml/node-locator';
import { asArray, asRecord, asString, asStringArray } from '../../mesh/object-fields';
import { type MeshResource, specOf } from './resource';

const KUBERNETES_PREFIX = 'kubernetes://';

export interface CredentialReference {
  /** The Secret's name. */
  readonly name: string;
  readonly path: FieldPath;
}

export function credentialReferencesOf(gateway: MeshResource): CredentialReference[] {
  const found: CredentialReference[] = [];
  asArray(specOf(gateway).servers).forEach((server, i) => {
    const tls = asRecord(asRecord(server)?.tls);
    if (!tls) return;
    const add = (raw: string, path: FieldPath): void => {
      if (raw.includes('://') && !raw.startsWith(KUBERNETES_PREFIX)) return;
      const name = raw.startsWith(KUBERNETES_PREFIX) ? raw.slice(KUBERNETES_PREFIX.length) : raw;
      if (name) found.push({ name, path });
    };
    const single = asString(tls.credentialName);
    if (single) add(single, ['spec', 'servers', i, 'tls', 'credentialName']);
    asStringArray(tls.credentialNames).forEach((name, k) =>
      add(name, ['spec', 'servers', i, 'tls', 'credentialNames', k]),
    );
  });
  return found;
}
