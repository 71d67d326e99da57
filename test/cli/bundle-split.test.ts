/**
 * The CLI leaves live-cluster code to its own bundle, dist/server/live-discovery.js (tools/build.mjs): an
 * offline `meshwright analyze` then neither reads nor compiles @kubernetes/client-node, about half of the
 * CLI's code. A CLI module that imports discovery code directly, instead of through cli/live-discovery.ts,
 * pulls it back into dist/server/cli.js; this test says so.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CLI_BUNDLE, REPO_ROOT, assertCliBuilt } from './support/cli-process';

const CLIENT_NODE = 'node_modules/@kubernetes/client-node/';

describe('the CLI bundle split', () => {
  before(assertCliBuilt);

  it('keeps @kubernetes/client-node out of dist/server/cli.js and in live-discovery.js', () => {
    const cli = fs.readFileSync(CLI_BUNDLE, 'utf8');
    const live = fs.readFileSync(path.join(REPO_ROOT, 'dist', 'server', 'live-discovery.js'), 'utf8');
    assert.ok(live.includes(CLIENT_NODE), 'the live-discovery bundle holds the Kubernetes client');
    assert.ok(
      !cli.includes(CLIENT_NODE),
      'the CLI bundle holds the Kubernetes client: import it through cli/live-discovery.ts',
    );
  });
});
