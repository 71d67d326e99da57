/**
 * Runs the schema oracle: each corpus document goes to Meshwright (in-process) and to a real API server
 * (dry-run create), and the two verdicts are compared. Documents without a schema verdict to compare
 * (YAML that does not parse, kinds or versions no Istio CRD serves, values JSON cannot carry) are set
 * apart with their reason.
 */
import { isDeepStrictEqual } from 'node:util';
import { loadCoreValue } from '../../../server/src/yaml/core-yaml-values';
import { validatedServedKinds } from './crd-schemas';
import { type KubeRest } from './kube-rest';
import { MeshwrightSchemaJudge, type SchemaVerdict, normaliseFieldPath } from './meshwright-schema-verdict';
import { ResourcePaths } from './resource-paths';
import { type CorpusCase } from './schema-corpus';
import { serverVerdict } from './server-schema-verdict';

export interface JudgedCase {
  readonly case: CorpusCase;
  readonly kind: string;
  readonly meshwright: SchemaVerdict;
  readonly server: SchemaVerdict;
  readonly agree: boolean;
  /** Both rejected it and named a field in common. */
  readonly sameField: boolean;
}

export interface OracleRun {
  readonly judged: readonly JudgedCase[];
  readonly excluded: readonly { readonly case: CorpusCase; readonly reason: string }[];
}

type Sendable =
  { readonly object: Record<string, unknown>; readonly kind: string } | { readonly reason: string };

/** The object the server is sent: the value Meshwright read, in the oracle's namespace. */
function sendable(text: string, servedKinds: ReadonlySet<string>, namespace: string): Sendable {
  const parsed = loadCoreValue(text);
  if (!parsed.ok) return { reason: 'not well-formed YAML' };
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'not a mapping' };
  const object = value as Record<string, unknown>;
  const kind = `${String(object.apiVersion)} ${String(object.kind)}`;
  if (!servedKinds.has(kind)) return { reason: `no Istio or Gateway API CRD serves ${kind}` };
  if (!isDeepStrictEqual(JSON.parse(JSON.stringify(object)), object))
    return { reason: 'not representable as JSON' };
  const metadata = object.metadata;
  const placed =
    typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata)
      ? { ...object, metadata: { ...metadata, namespace } }
      : object;
  return { object: placed, kind: String(object.kind) };
}

export async function runSchemaOracle(
  rest: KubeRest,
  corpus: readonly CorpusCase[],
  namespace: string,
  concurrency = 4,
): Promise<OracleRun> {
  const servedKinds = new Set(validatedServedKinds().keys());
  const paths = new ResourcePaths(rest);
  const judge = new MeshwrightSchemaJudge();
  const judged: JudgedCase[] = [];
  const excluded: { case: CorpusCase; reason: string }[] = [];
  const pending = corpus.map((corpusCase) => ({
    corpusCase,
    sent: sendable(corpusCase.text, servedKinds, namespace),
  }));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pending.length) {
      const { corpusCase, sent } = pending[next++] as (typeof pending)[number];
      if ('reason' in sent) {
        excluded.push({ case: corpusCase, reason: sent.reason });
        continue;
      }
      const server = await serverVerdict(rest, paths, sent.object, namespace);
      const meshwright = await judge.verdict(corpusCase.text);
      const serverFields = new Set(server.fields.map(normaliseFieldPath));
      judged.push({
        case: corpusCase,
        kind: sent.kind,
        meshwright,
        server,
        agree: meshwright.rejected === server.rejected,
        sameField: meshwright.fields.some((field) => serverFields.has(normaliseFieldPath(field))),
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const order = new Map(corpus.map((corpusCase, index) => [corpusCase.id, index]));
  judged.sort((a, b) => (order.get(a.case.id) ?? 0) - (order.get(b.case.id) ?? 0));
  return { judged, excluded };
}

/** `schema agreement: 1187/1203 (0.987)`, then one line per kind and per origin. */
export function agreementReport(run: OracleRun): string[] {
  const line = (label: string, cases: readonly JudgedCase[]): string => {
    const agreeing = cases.filter((judgedCase) => judgedCase.agree).length;
    return `${label}: ${agreeing}/${cases.length} (${(agreeing / Math.max(cases.length, 1)).toFixed(3)})`;
  };
  const groups = (keyOf: (judgedCase: JudgedCase) => string): string[] =>
    [...new Set(run.judged.map(keyOf))].sort().map((key) =>
      line(
        `  ${key}`,
        run.judged.filter((c) => keyOf(c) === key),
      ),
    );
  const bothRejected = run.judged.filter((c) => c.meshwright.rejected && c.server.rejected);
  const excludedReasons = [...new Set(run.excluded.map((e) => e.reason))].sort();
  return [
    line('schema agreement', run.judged),
    'by kind:',
    ...groups((c) => c.kind),
    'by origin:',
    ...groups((c) => c.case.origin),
    `same field named, where both reject: ${bothRejected.filter((c) => c.sameField).length}/${bothRejected.length}`,
    `server rejects ${run.judged.filter((c) => c.server.rejected).length}, accepts ${run.judged.filter((c) => !c.server.rejected).length}`,
    `set apart (no schema verdict to compare): ${run.excluded.length}`,
    ...excludedReasons.map(
      (reason) => `  ${reason}: ${run.excluded.filter((e) => e.reason === reason).length}`,
    ),
  ];
}
