/**
 * Credential redaction for everything topology logs: bearer tokens, kubeconfig credential fields, JWTs,
 * private keys and the exact tokens of the loaded kubeconfig; and the language-server-side service's log,
 * end to end against the simulator, holds none of the kubeconfig's tokens.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import {
  CredentialRedactor,
  redactCredentials,
} from '../../server/src/topology/kube-api/credential-redaction';
import { TopologyService } from '../../server/src/topology/topology-service';
import { startForTest, waitFor } from './sim-harness';
import { FAST_RETRIES, TOPOLOGY_FIXTURES } from './topology-support';

describe('topology: credential redaction', () => {
  it('removes bearer and basic credentials, keeping the scheme', () => {
    assert.equal(
      redactCredentials('Authorization: Bearer abc.DEF-123_x'),
      'Authorization: Bearer [redacted]',
    );
    assert.equal(
      redactCredentials('sent Basic dXNlcjpwYXNz to the server'),
      'sent Basic [redacted] to the server',
    );
  });

  it('removes the values of kubeconfig and OAuth credential fields, YAML or JSON', () => {
    assert.equal(redactCredentials('    token: sekret-value-1234'), '    token: [redacted]');
    assert.equal(redactCredentials('client-key-data: LS0tLS1CRUdJTi'), 'client-key-data: [redacted]');
    assert.equal(
      redactCredentials('{"token":"abc123456","kind":"ExecCredential"}'),
      '{"token":[redacted],"kind":"ExecCredential"}',
    );
    assert.equal(
      redactCredentials('id-token: x1 refresh-token: y2'),
      'id-token: [redacted] refresh-token: [redacted]',
    );
    assert.equal(redactCredentials("password: 'hunter2'"), 'password: [redacted]');
  });

  it('removes JWTs and private keys wherever they are', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06YWRtaW4ifQ.c2lnbmF0dXJl';
    assert.equal(
      redactCredentials(`request failed for ${jwt} at 14:02`),
      'request failed for [redacted] at 14:02',
    );
    const key = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIB\n-----END EC PRIVATE KEY-----';
    assert.equal(redactCredentials(`key: ${key}`), 'key: [redacted]');
  });

  it('leaves ordinary messages alone', () => {
    const message =
      'cluster west unreachable (ECONNREFUSED 127.0.0.1:41234); showing the snapshot from 14:02:10; retrying in 4s';
    assert.equal(redactCredentials(message), message);
    assert.equal(
      redactCredentials('secretName: tls-cert, auth-provider: gcp'),
      'secretName: tls-cert, auth-provider: gcp',
    );
  });

  it('removes registered values exactly, however they appear', () => {
    const redactor = new CredentialRedactor();
    redactor.register('plain-opaque-token-42', undefined, null, 'short');
    assert.equal(redactor.redact('x=plain-opaque-token-42;y'), 'x=[redacted];y');
    assert.equal(redactor.redact('short is too short to register'), 'short is too short to register');
  });
});

describe('topology: the service log holds no credential', function () {
  this.timeout(60_000);

  it('logs watching, health changes and problems, never a token of the kubeconfig', async () => {
    const sim = await startForTest({ demo: true });
    const lines: string[] = [];
    const service = new TopologyService({
      log: (level, message) => lines.push(`${level} ${message}`),
      watcher: FAST_RETRIES,
    });
    try {
      service.configure({ kubeconfig: sim.kubeconfigPath, contexts: [], trusted: false });
      await service.whenSynced();
      await sim.simulator.cluster('edge').stop();
      await waitFor(
        () => lines.some((line) => line.startsWith('warn topology: cluster edge: cluster edge unreachable')),
        'the edge warning',
      );
      await sim.simulator.cluster('edge').start();
      await waitFor(
        () => lines.filter((line) => line === 'info topology: cluster edge: in sync').length === 2,
        'edge back in sync',
      );
      service.configure({
        kubeconfig: path.join(TOPOLOGY_FIXTURES, 'broken.kubeconfig'),
        contexts: [],
        trusted: false,
      });
      assert.equal(service.state.problem?.includes('not valid YAML'), true);
      assert.deepEqual(service.state.snapshot.clusters, []);
    } finally {
      service.dispose();
      await sim.stop();
    }
    const log = lines.join('\n');
    assert.match(log, /^info topology: watching contexts east, west, edge from /m);
    assert.match(log, /^info topology: no live clusters \(kubeconfig .*broken\.kubeconfig cannot be read/m);
    const kubeconfigText = sim.simulator.kubeconfig;
    for (const cluster of sim.simulator.clusters) {
      assert.ok(kubeconfigText.includes(cluster.token));
      assert.ok(!log.includes(cluster.token), `the log holds the token of ${cluster.name}`);
    }
    assert.ok(!log.includes('sekret-token'));
  });
});
