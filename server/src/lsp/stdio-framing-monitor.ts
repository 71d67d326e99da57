/**
 * Follows the framing of what a client sends over `--stdio`, for the one failure the JSON-RPC library
 * keeps to itself: a header without a usable Content-Length. Its reader stops there for good (nothing
 * after it can be framed) and says nothing, so an editor sees a server that no longer answers. This says
 * so, once, in the server's log. It only counts bytes: bodies are skipped, never kept or parsed.
 */

/** Longer headers than this are not headers: the stream is not JSON-RPC framing. */
const MAX_HEADER_BYTES = 64 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');

export class StdioFramingMonitor {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;
  private corrupt = false;

  constructor(private readonly report: (problem: string) => void) {}

  accept(chunk: Buffer): void {
    let rest = chunk;
    while (!this.corrupt && rest.length > 0) {
      if (this.bodyLeft > 0) {
        const skipped = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= skipped;
        rest = rest.subarray(skipped);
        continue;
      }
      this.header = Buffer.concat([this.header, rest]);
      rest = Buffer.alloc(0);
      const end = this.header.indexOf(HEADER_END);
      if (end === -1) {
        if (this.header.length > MAX_HEADER_BYTES) this.fail(`no end of header in ${MAX_HEADER_BYTES} bytes`);
        return;
      }
      const length = contentLength(this.header.subarray(0, end).toString('latin1'));
      rest = this.header.subarray(end + HEADER_END.length);
      this.header = Buffer.alloc(0);
      if (typeof length === 'string') this.fail(length);
      else this.bodyLeft = length;
    }
  }

  private fail(problem: string): void {
    this.corrupt = true;
    this.header = Buffer.alloc(0);
    this.report(
      `the client's message stream is corrupt (${problem}); the server cannot read any further request. Restart the language server (in VS Code: "Meshwright: Restart Language Server").`,
    );
  }
}

/** The Content-Length of a header block, or what is wrong with it. */
function contentLength(header: string): number | string {
  const line = header
    .split('\r\n')
    .find((entry) => entry.slice(0, entry.indexOf(':')).trim().toLowerCase() === 'content-length');
  if (line === undefined) return 'a header without Content-Length';
  const value = line.slice(line.indexOf(':') + 1).trim();
  // Read as the JSON-RPC library reads it (parseInt), so that only what stops it is called corrupt.
  const length = parseInt(value, 10);
  if (Number.isNaN(length) || length < 0) {
    return `Content-Length is not a number: ${JSON.stringify(value.slice(0, 40))}`;
  }
  return length;
}
