/**
 * The deprecated fields of Istio's config kinds (IST0002): those istioctl's deprecation analyzer knows
 * (VirtualService `fault.delay.percent`, Sidecar `outboundTrafficPolicy.egressProxy`), those removed from
 * the API after a deprecation period that old manifests still carry (`mirrorPercent`, the header
 * fields of Istio 1.0), and every field the bundled CRDs' descriptions mark "Deprecated"
 * (a unit test keeps this table and schemas/source/istio-crds.gen.yaml in step).
 */
import { type FieldPath } from '../../yaml/node-locator';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord } from '../../mesh/object-fields';

export interface DeprecatedField {
  readonly kind: string;
  /** Field path under the object; `*` stands for every item of a list. */
  readonly pattern: readonly string[];
  /** What to do instead: a clause that follows a semicolon. */
  readonly instead: string;
}

const HTTP_ROUTE = ['spec', 'http', '*'];

/** Every place a DestinationRule holds a traffic policy. */
const TRAFFIC_POLICIES: readonly (readonly string[])[] = [
  ['spec', 'trafficPolicy'],
  ['spec', 'trafficPolicy', 'portLevelSettings', '*'],
  ['spec', 'subsets', '*', 'trafficPolicy'],
  ['spec', 'subsets', '*', 'trafficPolicy', 'portLevelSettings', '*'],
];

export const DEPRECATED_FIELDS: readonly DeprecatedField[] = [
  {
    kind: KINDS.VirtualService,
    pattern: [...HTTP_ROUTE, 'fault', 'delay', 'percent'],
    instead: 'use fault.delay.percentage.value instead',
  },
  {
    kind: KINDS.VirtualService,
    pattern: [...HTTP_ROUTE, 'mirrorPercent'],
    instead: 'it was removed from the API and is no longer read: use mirrorPercentage.value instead',
  },
  {
    kind: KINDS.VirtualService,
    pattern: [...HTTP_ROUTE, 'corsPolicy', 'allowOrigin'],
    instead: 'use corsPolicy.allowOrigins with exact, prefix or regex matches instead',
  },
  {
    kind: KINDS.VirtualService,
    pattern: [...HTTP_ROUTE, 'websocketUpgrade'],
    instead: 'it was removed from the API and WebSocket upgrades work without it: remove it',
  },
  ...(
    [
      ['appendHeaders', 'headers.request.set'],
      ['appendRequestHeaders', 'headers.request.add'],
      ['removeRequestHeaders', 'headers.request.remove'],
      ['appendResponseHeaders', 'headers.response.add'],
      ['removeResponseHeaders', 'headers.response.remove'],
    ] as const
  ).map(([field, replacement]) => ({
    kind: KINDS.VirtualService,
    pattern: [...HTTP_ROUTE, field],
    instead: `it was removed from the API and is no longer read: use ${replacement} instead`,
  })),
  {
    kind: KINDS.Sidecar,
    pattern: ['spec', 'outboundTrafficPolicy', 'egressProxy'],
    instead:
      'Istio ignores it: remove it, and send traffic for unknown destinations through an egress gateway with a ServiceEntry and a VirtualService',
  },
  ...TRAFFIC_POLICIES.flatMap((base) => [
    {
      kind: KINDS.DestinationRule,
      pattern: [...base, 'loadBalancer', 'consistentHash', 'minimumRingSize'],
      instead: 'use loadBalancer.consistentHash.ringHash.minimumRingSize instead',
    },
    {
      kind: KINDS.DestinationRule,
      pattern: [...base, 'loadBalancer', 'warmupDurationSecs'],
      instead: 'use loadBalancer.warmup.duration instead',
    },
  ]),
];

/** The concrete paths in `object` where the pattern's field is set (list items expanded). */
export function pathsMatching(object: unknown, pattern: readonly string[]): FieldPath[] {
  const [step, ...rest] = pattern;
  if (step === undefined) return object === undefined || object === null ? [] : [[]];
  if (step === '*') {
    return asArray(object).flatMap((item, index) =>
      pathsMatching(item, rest).map((path) => [index, ...path]),
    );
  }
  const record = asRecord(object);
  if (!record || !(step in record)) return [];
  return pathsMatching(record[step], rest).map((path) => [step, ...path]);
}

/** `http[0].fault.delay.percent`: a path as users read it, without `spec`. */
export function displayPath(path: FieldPath): string {
  return path
    .slice(path[0] === 'spec' ? 1 : 0)
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`))
    .join('');
}
