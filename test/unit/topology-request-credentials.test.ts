/**
 * Request credentials: worked out once when the kubeconfig holds them itself, per request when they come
 * from files (which may be renewed), once per credential lifetime from exec plugins, and again after the
 * kubeconfig is re-read or the API server refused a plugin's credential.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { ExecCredentialCache } from '../../server/src/topology/kube-api/exec-credential-cache';
import { RequestCredentials } from '../../server/src/topology/kube-api/request-credentials';

const DEADLINE = { timeoutMs: 5_000 };

const CA = Buffer.from('-----BEGIN CERTIFICATE-----\nnot a real certificate\n-----END CERTIFICATE-----\n');

/** The Authorization header of the applied options. */
function authorization(options: https.RequestOptions): unknown {
  return (options.headers as Record<string, unknown> | undefined)?.Authorization;
}

function kubeconfig(user: Record<string, unknown>, cluster: Record<string, unknown> = {}): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [{ name: 'east', server: 'https://127.0.0.1:6443', caData: CA.toString('base64'), ...cluster }],
    users: [{ name: 'east-admin', ...user }],
    contexts: [{ name: 'east', cluster: 'east', user: 'east-admin' }],
    currentContext: 'east',
  });
  return config;
}

describe('request credentials', () => {
  it('a token and CA written in the kubeconfig are worked out once', async () => {
    const credentials = new RequestCredentials(kubeconfig({ token: 'token-one' }));
    const first = await credentials.apply(DEADLINE);
    assert.equal(authorization(first), 'Bearer token-one');
    assert.deepEqual(first.ca, CA);
    assert.equal(await credentials.apply(DEADLINE), first, 'the same options again');
  });

  it('a re-read kubeconfig replaces them', async () => {
    const credentials = new RequestCredentials(kubeconfig({ token: 'token-one' }));
    await credentials.apply(DEADLINE);
    credentials.setConfig(kubeconfig({ token: 'token-two' }));
    assert.equal(authorization(await credentials.apply(DEADLINE)), 'Bearer token-two');
  });

  it('a CA file is read again for every request (it may be rotated on disk)', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-credentials-'));
    try {
      const caFile = path.join(directory, 'ca.crt');
      fs.writeFileSync(caFile, CA);
      const credentials = new RequestCredentials(
        kubeconfig({ token: 'token-one' }, { caData: undefined, caFile }),
      );
      assert.deepEqual((await credentials.apply(DEADLINE)).ca, CA);
      const rotated = Buffer.from(`${CA.toString()}# rotated\n`);
      fs.writeFileSync(caFile, rotated);
      assert.deepEqual((await credentials.apply(DEADLINE)).ca, rotated);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });

  it('an exec plugin runs once; its credential is used until a 401 refuses it', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'meshwright-credentials-'));
    const runs = path.join(directory, 'runs');
    try {
      const credentials = new RequestCredentials(
        kubeconfig({
          exec: {
            apiVersion: 'client.authentication.k8s.io/v1',
            command: process.execPath,
            args: [
              '-e',
              `require("fs").appendFileSync(${JSON.stringify(runs)}, "x"); console.log(JSON.stringify({apiVersion:"client.authentication.k8s.io/v1",kind:"ExecCredential",status:{token:"plugin-token"}}))`,
            ],
          },
        }),
        new ExecCredentialCache(),
      );
      const first = await credentials.apply(DEADLINE);
      assert.equal(authorization(first), 'Bearer plugin-token');
      assert.deepEqual(first.ca, CA, "the kubeconfig's CA still applies");
      const all = await Promise.all(Array.from({ length: 10 }, () => credentials.apply(DEADLINE)));
      assert.ok(
        all.every((options) => options === first),
        'the same options, worked out once',
      );
      assert.equal(fs.readFileSync(runs, 'utf8'), 'x', 'one run');
      credentials.refused(first);
      assert.equal(authorization(await credentials.apply(DEADLINE)), 'Bearer plugin-token');
      assert.equal(fs.readFileSync(runs, 'utf8'), 'xx', 'run again after the 401');
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
