/**
 * IST0171: an object's status carries a negative condition, written by istiod or a Gateway API
 * controller: a condition that is normally True reported False (`Reconciled`, `PassedValidation`,
 * `Accepted`, `Programmed`, `ResolvedRefs`, `istio.io/WaypointBound`, `ZtunnelAccepted`, ...), or an
 * abnormal-true one reported True (`Conflicted`, `Degraded`, `Failed`, `Stalled`). `Unknown` is pending,
 * not negative. Conditions are read from `status.conditions`, Gateway API listeners
 * (`status.listeners[].conditions`) and route parents (`status.parents[].conditions`).
 *
 * Status differs per cluster even for one Istio object: every cluster's copy is checked, not only the
 * copy that stands for the others.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { type FieldPath } from '../../yaml/node-locator';
import { GATEWAY_API_KINDS } from '../model/gateway-api';
import { KINDS, isIstioGroup } from '../../../../protocol/kinds';
import { asArray, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource, describe } from '../model/resource';

/** Condition types whose True is the problem (Kubernetes' "abnormal-true" polarity). */
const ABNORMAL_TRUE = new Set(['Conflicted', 'Degraded', 'Failed', 'Stalled']);
/** Status messages come from controllers; keep the diagnostic readable. */
const MAX_MESSAGE = 240;

const ISTIO_KINDS = Object.values(KINDS).filter((kind) => isIstioGroup(kind.slice(kind.indexOf('.') + 1)));

interface NegativeCondition {
  readonly type: string;
  readonly status: string;
  readonly reason: string | undefined;
  readonly message: string | undefined;
  /** Path of the condition's `status`. */
  readonly path: FieldPath;
  /** "listener https", "parent bookinfo-gateway": where in the status, for nested conditions. */
  readonly scope: string | undefined;
}

export const negativeConditionStatus: ResourceAnalyzer = {
  type: 'resource',
  name: 'negative-condition-status',
  codes: ['IST0171'],
  kinds: [...ISTIO_KINDS, KINDS.Service, ...Object.values(GATEWAY_API_KINDS)],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    // Kubernetes and Gateway API copies are each a subject; an Istio object is one subject for all copies.
    let copies: readonly MeshResource[] = [resource];
    if (isIstioGroup(resource.group)) {
      // Several authored copies are all effective: the first one speaks for the object.
      if (ctx.mesh.find(resource.groupKind, resource.namespace, resource.name)[0] !== resource) return;
      copies = ctx.mesh.copies(resource.groupKind, resource.namespace, resource.name);
    }
    for (const copy of copies) {
      for (const condition of negativeConditionsOf(copy)) {
        const scope = condition.scope ? ` on ${condition.scope}` : '';
        const detail = [condition.reason, condition.message && truncate(condition.message)]
          .filter(Boolean)
          .join(': ');
        ctx.report({
          code: 'IST0171',
          resource: copy,
          path: condition.path,
          message: `${describe(copy)} reports condition ${condition.type}=${condition.status}${scope}${detail ? ` (${detail})` : ''}: its controller could not fully apply it. Fix what the condition says, then check again with kubectl describe ${copy.kind.toLowerCase()} ${copy.name}${copy.namespace ? ` -n ${copy.namespace}` : ''}.`,
          data: { type: condition.type, status: condition.status, reason: condition.reason ?? null },
        });
      }
    }
  },
};

function negativeConditionsOf(resource: MeshResource): NegativeCondition[] {
  const status = asRecord(resource.object.status);
  if (!status) return [];
  const found = conditionsAt(status.conditions, ['status', 'conditions'], undefined);
  asArray(status.listeners).forEach((item, i) => {
    const listener = asRecord(item);
    const scope = `listener ${asString(listener?.name) ?? `#${i}`}`;
    found.push(...conditionsAt(listener?.conditions, ['status', 'listeners', i, 'conditions'], scope));
  });
  asArray(status.parents).forEach((item, i) => {
    const parent = asRecord(item);
    const scope = `parent ${asString(asRecord(parent?.parentRef)?.name) ?? `#${i}`}`;
    found.push(...conditionsAt(parent?.conditions, ['status', 'parents', i, 'conditions'], scope));
  });
  return found;
}

function conditionsAt(list: unknown, path: FieldPath, scope: string | undefined): NegativeCondition[] {
  return asArray(list).flatMap((item, i) => {
    const condition = asRecord(item);
    const type = asString(condition?.type);
    // kubectl quotes them; a hand-written file may hold a YAML boolean.
    const raw = condition?.status;
    const status = typeof raw === 'boolean' ? (raw ? 'True' : 'False') : asString(raw);
    if (!condition || !type || !status) return [];
    const negative = ABNORMAL_TRUE.has(type) ? status === 'True' : status === 'False';
    if (!negative) return [];
    return [
      {
        type,
        status,
        reason: asString(condition.reason) || undefined,
        message: asString(condition.message) || undefined,
        path: [...path, i, 'status'],
        scope,
      },
    ];
  });
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE - 1)}…` : line;
}
