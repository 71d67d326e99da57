/**
 * gzip for big responses, as a real API server does it (the `APIResponseCompression` feature, on by
 * default since Kubernetes 1.16): a body over 128 KiB is compressed at level 1 when the request's
 * `Accept-Encoding` allows gzip, with `Content-Encoding: gzip` and `Vary: Accept-Encoding`. Smaller bodies
 * and watch streams go as they are. client-go (kubectl) asks for gzip by default and so does discovery,
 * so lists cross the wire at a tenth of their size or less.
 */
import { createGzip } from 'node:zlib';

/** The API server's threshold (`defaultGzipThresholdBytes`). */
export const GZIP_THRESHOLD_BYTES = 128 * 1024;
/** The API server's level (`defaultGzipContentEncodingLevel`): fast, and JSON lists still shrink ~20x. */
const GZIP_LEVEL = 1;

/**
 * True when `Accept-Encoding` allows gzip: a `gzip` (or `*`) coding whose q-value is not 0. The API server
 * only looks for the `gzip` token; honouring `q=0` as well is what RFC 9110 asks.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  return value.split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const quality = params.find((param) => param.startsWith('q='));
    return quality === undefined || Number(quality.slice(2)) > 0;
  });
}

/** True when a body of `length` bytes goes compressed to a client that sent `acceptEncoding`. */
export function compressesBody(length: number, acceptEncoding: string | string[] | undefined): boolean {
  return length > GZIP_THRESHOLD_BYTES && acceptsGzip(acceptEncoding);
}

/**
 * Compressed bodies by the buffer that holds most of their bytes (a page of a list is a slice of its
 * bucket's joined JSON, which never changes: a changed bucket gets a new one) and a key made of the slice's
 * place and the small parts around it (list metadata, resourceVersion, continue token). A page asked for
 * again is not compressed again. That is the simulator sparing the cores it shares with the client under
 * test; a real API server compresses on its own machine.
 */
const compressedPages = new WeakMap<ArrayBufferLike, Map<string, Promise<Buffer>>>();
/** Pages kept per joined buffer: the shapes one client's paging asks for, with room to spare. */
const PAGES_PER_BUFFER = 64;
/** Bodies whose other parts are bigger than this (lists not joined ahead) are compressed every time. */
const MAX_SPELLED_BYTES = 4096;

/** The body made of `parts`, gzipped off the event loop (zlib's thread pool). */
export function gzipBody(parts: readonly Buffer[], length: number): Promise<Buffer> {
  const largest = parts.reduce((big, part) => (part.length > big.length ? part : big));
  // The key spells out every part but the largest: worth it when they are a list's head and tail only.
  if (length - largest.length > MAX_SPELLED_BYTES) return gzipParts(parts, length);
  const key = parts
    .map((part) => (part === largest ? `@${part.byteOffset}+${part.length}` : part.toString('latin1')))
    .join('\u0000');
  let pages = compressedPages.get(largest.buffer);
  const known = pages?.get(key);
  if (known) return known;
  const compressed = gzipParts(parts, length);
  if (!pages) {
    pages = new Map();
    compressedPages.set(largest.buffer, pages);
  }
  if (pages.size >= PAGES_PER_BUFFER) pages.delete(pages.keys().next().value as string);
  pages.set(key, compressed);
  compressed.catch(() => pages.delete(key));
  return compressed;
}

/**
 * The parts written one by one to a gzip stream rather than joined first: joining a page costs a fresh
 * megabyte buffer and its copy, more than compressing it. Output chunks are sized for a whole page
 * (lists shrink about twenty-fold), so a page completes in one or two callbacks.
 */
function gzipParts(parts: readonly Buffer[], length: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = createGzip({ level: GZIP_LEVEL, chunkSize: outputChunkSize(length) });
    const output: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => output.push(chunk));
    stream.once('end', () => resolve(output.length === 1 ? (output[0] as Buffer) : Buffer.concat(output)));
    stream.once('error', reject);
    for (const part of parts) stream.write(part);
    stream.end();
  });
}

/** A tenth of the input, at least zlib's default 16 KiB. */
function outputChunkSize(length: number): number {
  return Math.max(16 * 1024, Math.ceil(length / 10));
}
