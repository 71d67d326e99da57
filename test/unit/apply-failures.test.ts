/**
 * How API server answers become explanations: 409 Status causes (and the message alone, as some servers
 * send it) parsed into "field X is owned by manager M (Update|Apply)", a missing namespace into MESH108,
 * a 500 for a document the CRD schema does not fit into the document's fault, a 500 for an admission
 * webhook the API server cannot call into that webhook, and the remote-cluster refusal worded as MESH107.
 */
import assert from 'node:assert/strict';
import { parseConflicts, statusFailure } from '../../server/src/apply/apply-failures';
import { remoteClusterRefusal } from '../../server/src/apply/target-roles';

const context = {
  cluster: 'west',
  resource: {
    apiVersion: 'networking.istio.io/v1',
    kind: 'DestinationRule',
    namespace: 'bookinfo',
    name: 'reviews',
  },
  address: '127.0.0.1:6443',
  timeoutMs: 15_000,
};

describe('apply: explaining failures', () => {
  it('names the owner and operation of every conflicting field from the Status causes', () => {
    const conflicts = parseConflicts({
      message: 'Apply failed with 2 conflicts: ...',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using networking.istio.io/v1',
            field: '.spec.host',
          },
          { reason: 'FieldManagerConflict', message: 'conflict with "team-a"', field: '.spec.subsets' },
          { reason: 'FieldValueInvalid', message: 'unrelated', field: '.spec.x' },
        ],
      },
    });
    assert.deepEqual(
      conflicts.map((conflict) => conflict.explanation),
      [
        'field .spec.host is owned by manager kubectl-client-side-apply (Update)',
        'field .spec.subsets is owned by manager team-a (Apply)',
      ],
    );
  });

  it('reads a single conflict from the message when the Status has no causes', () => {
    assert.deepEqual(
      parseConflicts({
        message:
          'Apply failed with 1 conflict: conflict with "kubectl-edit" using networking.istio.io/v1: .spec.trafficPolicy',
      }),
      [
        {
          field: '.spec.trafficPolicy',
          manager: 'kubectl-edit',
          operation: 'Update',
          explanation: 'field .spec.trafficPolicy is owned by manager kubectl-edit (Update)',
        },
      ],
    );
  });

  it('turns a 409 into a conflict failure that says how to get out', () => {
    const body = JSON.stringify({
      kind: 'Status',
      code: 409,
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using networking.istio.io/v1: .spec.subsets',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-client-side-apply" using networking.istio.io/v1',
            field: '.spec.subsets',
          },
        ],
      },
    });
    const failure = statusFailure(409, body, context);
    assert.equal(failure.kind, 'conflict');
    assert.equal(
      failure.message,
      'conflict in cluster west for DestinationRule bookinfo/reviews: field .spec.subsets is owned by manager kubectl-client-side-apply (Update); force the apply to take these fields over (the other manager may set them back), or remove them from the document',
    );
  });

  it('tells a missing namespace (MESH108) from a kind the cluster does not serve', () => {
    const namespace = statusFailure(
      404,
      {
        kind: 'Status',
        message: 'namespaces "bookinfo" not found',
        details: { name: 'bookinfo', kind: 'namespaces' },
      },
      context,
    );
    assert.equal(namespace.kind, 'namespace-missing');
    assert.match(namespace.message, /^namespace bookinfo does not exist in cluster west \(MESH108\)/);
    const kind = statusFailure(
      404,
      { kind: 'Status', message: 'the server could not find the requested resource' },
      context,
    );
    assert.equal(kind.kind, 'kind-not-served');
  });

  it("explains kube-apiserver's 500 for a document that does not fit the CRD schema as the document's fault", () => {
    const schema = statusFailure(
      500,
      {
        kind: 'Status',
        code: 500,
        message:
          'failed to create typed patch object (bookinfo/reviews; networking.istio.io/v1, Kind=DestinationRule): .spec.subsets: expected list, got &{v1}',
      },
      context,
    );
    assert.equal(schema.kind, 'invalid');
    assert.equal(
      schema.message,
      "cluster west rejected DestinationRule bookinfo/reviews: it does not match the cluster's schema for DestinationRule (.spec.subsets: expected list, got &{v1}); fix the document and apply again",
    );
    const other = statusFailure(
      500,
      { kind: 'Status', code: 500, message: 'etcdserver: request timed out' },
      context,
    );
    assert.equal(other.kind, 'server-error');
    assert.match(
      other.message,
      /\(500: etcdserver: request timed out\); try again, or check the API server$/,
    );
  });

  it('names the admission webhook kube-apiserver could not call (500) and where to look', () => {
    const webhook = statusFailure(
      500,
      {
        kind: 'Status',
        code: 500,
        message:
          'Internal error occurred: failed calling webhook "validation.istio.io": failed to call webhook: Post "https://istiod.istio-system.svc:443/validate?timeout=10s": dial tcp 10.0.0.9:443: connect: connection refused',
      },
      context,
    );
    assert.equal(webhook.kind, 'server-error');
    assert.equal(
      webhook.message,
      'cluster west could not admit DestinationRule bookinfo/reviews: its API server could not call the admission webhook validation.istio.io (Post "https://istiod.istio-system.svc:443/validate?timeout=10s": dial tcp 10.0.0.9:443: connect: connection refused), and refuses objects while it cannot; check the webhook\'s service (for Istio\'s webhooks, istiod in istio-system: kubectl --context west -n istio-system get pods), then apply again',
    );
  });

  it('redacts a credential that an API server message might carry', () => {
    const failure = statusFailure(
      403,
      { kind: 'Status', message: 'forbidden for Bearer abc.def-123 token' },
      context,
    );
    assert.equal(failure.kind, 'forbidden');
    assert.ok(!failure.message.includes('abc.def-123'), failure.message);
    assert.match(
      failure.message,
      /needs get, create \(for a new object\) and patch on DestinationRule objects \(API group networking\.istio\.io\) in namespace bookinfo/,
    );
  });

  it("words the remote-cluster refusal as MESH107's explanation", () => {
    assert.equal(
      remoteClusterRefusal('edge', 'east').message,
      'edge is a remote cluster served by east: no control plane reads Istio config there; apply to east instead (MESH107)',
    );
    assert.equal(
      remoteClusterRefusal('edge', null).message,
      'edge is a remote cluster: no control plane reads Istio config there; apply to the primary that serves it instead (MESH107)',
    );
  });
});
