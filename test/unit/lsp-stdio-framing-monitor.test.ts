import assert from 'node:assert/strict';
import { StdioFramingMonitor } from '../../server/src/lsp/stdio-framing-monitor';

function frame(body: string, header = `Content-Length: ${Buffer.byteLength(body)}`): Buffer {
  return Buffer.from(`${header}\r\n\r\n${body}`);
}

describe('stdio framing monitor', () => {
  const reports = (...chunks: Buffer[]): string[] => {
    const found: string[] = [];
    const monitor = new StdioFramingMonitor((problem) => found.push(problem));
    for (const chunk of chunks) monitor.accept(chunk);
    return found;
  };

  it('says nothing of well-framed messages, however the chunks fall', () => {
    const stream = Buffer.concat([
      frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}'),
      frame('{"a":"é"}', 'Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 10'),
      frame('{}'),
    ]);
    assert.deepEqual(reports(stream), []);
    const bytes = [...stream].map((byte) => Buffer.from([byte]));
    assert.deepEqual(reports(...bytes), []);
  });

  it('reports once a Content-Length that is not a number, and nothing after it', () => {
    const found = reports(
      frame('{}'),
      frame('{}', 'Content-Length: twelve'),
      frame('{}', 'Content-Length: x'),
    );
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /message stream is corrupt \(Content-Length is not a number: "twelve"\)/);
    assert.match(found[0] ?? '', /Restart Language Server/);
  });

  it('reports a header without Content-Length', () => {
    assert.match(reports(frame('{}', 'Content-Type: x'))[0] ?? '', /a header without Content-Length/);
  });

  it('reports a header that never ends, without keeping more than its limit', () => {
    const found = reports(Buffer.alloc(70 * 1024, 'a'));
    assert.match(found[0] ?? '', /no end of header in 65536 bytes/);
  });
});
