import assert from 'node:assert/strict';
import { packageVersion, parseCommandLine } from '../../server/src/lsp/command-line';

describe('parseCommandLine', () => {
  it('serves on any transport createConnection understands', () => {
    for (const args of [
      ['--stdio'],
      ['--node-ipc'],
      ['--socket=5007'],
      ['--socket', '5007'],
      ['--pipe=/tmp/x.sock'],
      ['--stdio', '--clientProcessId=42'],
    ]) {
      assert.deepEqual(parseCommandLine(args), { action: 'serve' }, args.join(' '));
    }
  });

  it('answers --help and --version before anything else', () => {
    assert.deepEqual(parseCommandLine(['--stdio', '--help']), { action: 'help' });
    assert.deepEqual(parseCommandLine(['--version']), { action: 'version' });
  });

  it('explains a missing transport', () => {
    const none = parseCommandLine([]);
    assert.equal(none.action, 'usage-error');
    const wrong = parseCommandLine(['--verbose']);
    assert.ok(wrong.action === 'usage-error' && wrong.message.includes('(--verbose)'));
  });

  it('reads the package version', () => {
    assert.match(packageVersion(), /^\d+\.\d+\.\d+/);
  });
});
