/**
 * Istio's sidecar injection webhooks (MutatingWebhookConfigurations) as istioctl's webhook analyzer reads
 * them: a configuration is Istio's when it names a revision (`istio.io/rev` / `istio.io/tag` labels, or
 * `istio.io/rev` in a webhook's selectors) or one of its webhooks is named `*.istio.io`. Revision tags
 * (`istio-revision-tag-<tag>`, labelled `istio.io/tag=<tag>` and `istio.io/rev=<revision>`) map a tag to
 * the revision whose injector serves it.
 */
import { type FieldPath } from '../../yaml/node-locator';
import {
  asArray,
  asRecord,
  asString,
  asStringArray,
  asStringMap,
  type Fields,
} from '../../mesh/object-fields';
import { type MeshResource, labelsOf } from './resource';

export const REVISION_LABEL = 'istio.io/rev';
export const TAG_LABEL = 'istio.io/tag';
export const INJECTION_LABEL = 'istio-injection';
export const POD_INJECT_LABEL = 'sidecar.istio.io/inject';

export interface InjectionWebhook {
  /** The configuration holding it. */
  readonly configuration: MeshResource;
  readonly name: string;
  /** `webhooks[i]` of the configuration. */
  readonly path: FieldPath;
  readonly namespaceSelector: unknown;
  readonly objectSelector: unknown;
  readonly clientConfig: Fields | undefined;
}

/** The webhooks of a MutatingWebhookConfiguration, each with its path. */
export function webhooksOf(configuration: MeshResource): InjectionWebhook[] {
  return asArray(configuration.object.webhooks).flatMap((item, i) => {
    const webhook = asRecord(item);
    if (!webhook) return [];
    return [
      {
        configuration,
        name: asString(webhook.name) ?? `#${i}`,
        path: ['webhooks', i],
        namespaceSelector: webhook.namespaceSelector,
        objectSelector: webhook.objectSelector,
        clientConfig: asRecord(webhook.clientConfig),
      },
    ];
  });
}

/** Revisions (and tags) a configuration names in its labels and its webhooks' selectors. */
export function revisionsOf(configuration: MeshResource): string[] {
  const revisions = new Set<string>();
  const labels = labelsOf(configuration);
  for (const key of [REVISION_LABEL, TAG_LABEL]) {
    const value = labels[key];
    if (value !== undefined) revisions.add(value);
  }
  for (const webhook of webhooksOf(configuration)) {
    for (const selector of [webhook.namespaceSelector, webhook.objectSelector]) {
      const record = asRecord(selector);
      if (!record) continue;
      const value = asStringMap(record.matchLabels)[REVISION_LABEL];
      if (value !== undefined) revisions.add(value);
      for (const expression of asArray(record.matchExpressions)) {
        const entry = asRecord(expression);
        if (asString(entry?.key) === REVISION_LABEL) {
          for (const revision of asStringArray(entry?.values)) revisions.add(revision);
        }
      }
    }
  }
  return [...revisions].sort();
}

/** Istio's injection configuration: it names a revision, or one of its webhooks is `*.istio.io`. */
export function isIstioInjectionConfiguration(configuration: MeshResource): boolean {
  if (revisionsOf(configuration).length > 0) return true;
  return webhooksOf(configuration).some((webhook) => webhook.name.endsWith('istio.io'));
}

/**
 * The revision a revision tag stands for, from the tag's `istio-revision-tag-<tag>` webhook among
 * `configurations` (one cluster's); undefined when no webhook declares that tag.
 */
export function resolveRevisionTag(
  revisionOrTag: string,
  configurations: readonly MeshResource[],
): string | undefined {
  const tagWebhook = configurations.find(
    (configuration) => labelsOf(configuration)[TAG_LABEL] === revisionOrTag,
  );
  return tagWebhook ? labelsOf(tagWebhook)[REVISION_LABEL] : undefined;
}
