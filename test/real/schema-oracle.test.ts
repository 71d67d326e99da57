/**
 * The real API server as the oracle of Meshwright's schema verdicts. Every Istio document of the fixtures
 * and a generated corpus (schema mutations, CEL rule cases, name edges: test/real/support/schema-corpus.ts)
 * goes to the shared demo plane's east as a dry-run create with `fieldValidation=Strict`, and to
 * Meshwright in-process (schema service + the engine's CEL rules). Verdicts must agree, except for the
 * listed cases; a new disagreement, a listed case that now agrees, or an agreement figure below the floor
 * fails. Gateway API documents are in it too (the standard channel the harness installs): the fixtures'
 * and each Gateway API CEL rule's cases.
 */
import assert from 'node:assert/strict';
import { type RealControlPlane } from './support/control-plane';
import { type KubeRest } from './support/kube-rest';
import { schemaOracleCorpus } from './support/schema-corpus';
import { type OracleRun, agreementReport, runSchemaOracle } from './support/schema-oracle';
import { sharedDemoControlPlane } from './support/shared-control-plane';

const NAMESPACE = 'meshwright-schema-oracle';

/**
 * Corpus cases (by id) where Meshwright and the API server disagree on purpose, each with its reason
 * (docs/analysis.md, "Agreement with the API server"); every other disagreement the oracle found was
 * fixed. A case listed here must still disagree, so the list cannot go stale.
 */
const KNOWN_DISAGREEMENTS: ReadonlyMap<string, string> = new Map<string, string>([
  [
    'name:VirtualService:34a959bd85',
    'metadata.generateName without a name: a create accepts it, but kubectl apply and server-side apply ' +
      '(Meshwright applies that way) need the name, so Meshwright requires it',
  ],
  [
    'status:VirtualService:7c814f5f58',
    'a malformed status: the server drops status on create and update (a status subresource), Meshwright ' +
      'checks it, since a file with a status is a copy of a live object and a broken one was edited by hand',
  ],
]);

/** Reached on this corpus; lower means a regression (the disagreements say which). */
const AGREEMENT_FLOOR = 0.999;
/**
 * Where both reject, how often they name a field in common (reached: all but one, where Meshwright
 * reports a missing `metadata` and the server names `metadata.name`).
 */
const SAME_FIELD_FLOOR = 0.999;
const MINIMUM_GENERATED_CASES = 1_000;

function describeCase(judged: OracleRun['judged'][number]): string {
  const verdict = (rejected: boolean): string => (rejected ? 'rejects' : 'accepts');
  return [
    `${judged.case.id}: Meshwright ${verdict(judged.meshwright.rejected)}, the API server ${verdict(judged.server.rejected)}`,
    ...judged.meshwright.messages.map((message) => `  Meshwright: ${message}`),
    ...judged.server.messages.map((message) => `  server: ${message}`),
    judged.case.text.replace(/^/gm, '    '),
  ].join('\n');
}

describe('schema oracle: Meshwright against a real API server', function () {
  this.timeout(600_000);
  let plane: RealControlPlane;
  let admin: KubeRest;
  let run: OracleRun;

  before(async () => {
    plane = await sharedDemoControlPlane();
    admin = plane.cluster('east').rest('admin');
    // Its own empty namespace: dry-run creates store nothing, so names never collide.
    await admin.json('/api/v1/namespaces', {
      method: 'POST',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } },
    });
    run = await runSchemaOracle(admin, schemaOracleCorpus(), NAMESPACE);
    console.log(
      agreementReport(run)
        .map((line) => `      ${line}`)
        .join('\n'),
    );
  });

  after(async () => {
    if (!admin) return;
    // No namespace controller runs to empty and finalize it; it holds nothing, so the test finalizes it.
    await admin.json(`/api/v1/namespaces/${NAMESPACE}`, { method: 'DELETE' });
    const terminating = await admin.json(`/api/v1/namespaces/${NAMESPACE}`);
    await admin.json(`/api/v1/namespaces/${NAMESPACE}/finalize`, {
      method: 'PUT',
      body: { ...terminating, spec: { finalizers: [] } },
    });
  });

  it('judges the fixtures and at least a thousand generated documents, valid and invalid alike', () => {
    const generated = run.judged.filter((judged) => judged.case.origin !== 'fixture');
    assert.ok(generated.length >= MINIMUM_GENERATED_CASES, `${generated.length} generated documents`);
    assert.ok(run.judged.some((judged) => judged.case.origin === 'fixture'));
    const rejected = run.judged.filter((judged) => judged.server.rejected).length;
    assert.ok(
      rejected > 500 && run.judged.length - rejected > 500,
      `${rejected} of ${run.judged.length} rejected`,
    );
    // Set apart only for want of a schema verdict: broken YAML and kinds no Istio or Gateway API CRD
    // serves (the versions only the Gateway API experimental channel serves are among them).
    for (const { reason } of run.excluded)
      assert.match(reason, /^(?:not well-formed YAML|no Istio or Gateway API CRD serves .*)$/);
  });

  it('agrees with the API server on every document but the known disagreements', () => {
    const disagreeing = run.judged.filter((judged) => !judged.agree);
    const unexpected = disagreeing.filter((judged) => !KNOWN_DISAGREEMENTS.has(judged.case.id));
    assert.equal(unexpected.length, 0, `new disagreements:\n${unexpected.map(describeCase).join('\n\n')}`);
    const stale = [...KNOWN_DISAGREEMENTS.keys()].filter(
      (id) => !disagreeing.some((judged) => judged.case.id === id),
    );
    assert.deepEqual(stale, [], 'listed disagreements that now agree (or are gone): remove them');
    const agreement = (run.judged.length - disagreeing.length) / run.judged.length;
    assert.ok(agreement >= AGREEMENT_FLOOR, `agreement ${agreement.toFixed(4)} < ${AGREEMENT_FLOOR}`);
  });

  it('names the field the API server names where both reject', () => {
    const bothReject = run.judged.filter((judged) => judged.meshwright.rejected && judged.server.rejected);
    const sameField = bothReject.filter((judged) => judged.sameField).length / bothReject.length;
    assert.ok(
      sameField >= SAME_FIELD_FLOOR,
      `${sameField.toFixed(4)} < ${SAME_FIELD_FLOOR}:\n${bothReject
        .filter((judged) => !judged.sameField)
        .slice(0, 10)
        .map(describeCase)
        .join('\n\n')}`,
    );
  });
});
