/** RFC 7386 JSON merge patch (`application/merge-patch+json`): maps merge, `null` deletes, lists replace. */
import { cloneJson, isRecord } from '../model/kube-object';

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isRecord(patch)) return cloneJson(patch);
  const result: Record<string, unknown> = isRecord(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}
