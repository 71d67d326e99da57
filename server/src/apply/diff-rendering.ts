/**
 * How the live and would-be copies of an object are shown side by side, and which authored fields differ
 * between them. Both sides are rendered the same way, without the bookkeeping an apply always changes
 * (managedFields, resourceVersion, generation), so a diff editor shows only what the apply changes.
 * "Changed" means an authored field (spec, labels, annotations) differs, as in the drift checks
 * (object-drift.ts), so the preview and MESH201 agree on what a difference is. A Secret's values are
 * never rendered: the live copy's would otherwise reach the editor through the diff.
 */
import { stringify } from 'yaml';
import { authoredContent, differingFields, formatFieldPath } from '../analysis/model/object-drift';

const BOOKKEEPING = [
  'managedFields',
  'resourceVersion',
  'generation',
  'uid',
  'creationTimestamp',
  'selfLink',
];

/** Deterministic YAML of an object for a diff editor. */
export function renderForDiff(object: Record<string, unknown>): string {
  const metadata = isRecord(object.metadata) ? { ...object.metadata } : {};
  for (const field of BOOKKEEPING) delete metadata[field];
  return stringify(
    { ...withoutSecretValues(object), metadata },
    { lineWidth: 0, aliasDuplicateObjects: false, sortMapEntries: false },
  );
}

/** Authored fields that differ between the live object and the would-be one, `spec.http[0].route` style. */
export function changedAuthoredFields(live: unknown, wouldBe: unknown): string[] {
  return differingFields(authoredContent(live), authoredContent(wouldBe)).map(formatFieldPath);
}

/** A core Secret with each value of `data` and `stringData` replaced by a placeholder (keys kept). */
function withoutSecretValues(object: Record<string, unknown>): Record<string, unknown> {
  if (object.apiVersion !== 'v1' || object.kind !== 'Secret') return object;
  const redacted = { ...object };
  for (const field of ['data', 'stringData']) {
    const values = object[field];
    if (isRecord(values)) {
      redacted[field] = Object.fromEntries(Object.keys(values).map((key) => [key, '(redacted)']));
    }
  }
  return redacted;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
