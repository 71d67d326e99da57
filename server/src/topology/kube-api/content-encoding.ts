/**
 * Compressed list bodies. Discovery asks for gzip (`Accept-Encoding: gzip`), as client-go does: an API
 * server compresses responses over 128 KiB, and a list of pods shrinks twenty-fold or more. Over a WAN
 * link to a remote cluster that is most of the list's time; on any link it spares the TLS and HTTP/2 work
 * of the bytes not sent. Inflating runs on zlib's thread pool, off the event loop that parses.
 *
 * Watches do not ask: their events are small and arrive one by one.
 */
import { constants as bufferConstants } from 'node:buffer';
import { gunzip } from 'node:zlib';

/** The `Accept-Encoding` of a list request. */
export const LIST_ACCEPT_ENCODING = 'gzip';

/** Why a body could not be decoded: the caller words it as the server's fault. */
export class ContentEncodingError extends Error {}

/** True for a body in an encoding that decodeContent inflates. */
export function isCompressed(encoding: string | undefined): boolean {
  const coding = encoding?.trim().toLowerCase();
  return coding === 'gzip' || coding === 'x-gzip';
}

/**
 * The body as the server meant it: inflated when `encoding` is gzip, as it is when there is none (or
 * `identity`). Any other coding was not asked for, and is an error rather than bytes parsed as JSON. A
 * body that inflates to more than `maxBytes` is an error too, found without holding more than that: a
 * few MB of gzip can inflate to gigabytes.
 */
export function decodeContent(
  body: Buffer,
  encoding: string | undefined,
  maxBytes: number = Number.MAX_SAFE_INTEGER,
): Promise<Buffer> {
  const coding = encoding?.trim().toLowerCase() ?? '';
  if (coding === '' || coding === 'identity') return Promise.resolve(body);
  if (!isCompressed(coding))
    return Promise.reject(
      new ContentEncodingError(`a body in the "${coding}" encoding, which was not asked for`),
    );
  return new Promise((resolve, reject) =>
    gunzip(
      body,
      {
        chunkSize: Math.min(outputChunkSize(body), maxBytes),
        maxOutputLength: Math.min(maxBytes, MAX_BUFFER),
      },
      (error, inflated) => {
        if (!error) return resolve(inflated);
        const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        reject(
          new ContentEncodingError(
            tooLarge
              ? `a gzip body that inflates to over ${formatMebibytes(maxBytes)}`
              : 'a gzip body that does not inflate',
          ),
        );
      },
    ),
  );
}

/** The smallest output chunk asked for (zlib's default is 16 KiB). */
const MIN_CHUNK = 64 * 1024;
/** Bigger bodies than this are inflated in chunks of this size (a trailer can lie). */
const MAX_CHUNK = 64 * 1024 * 1024;

/**
 * The inflated size as the gzip trailer gives it (ISIZE, the size modulo 2^32), bounded: one output chunk
 * for the whole body. With zlib's default 16 KiB chunks, a 2 MB page costs a hundred round trips between
 * the thread pool and the event loop, and a copy to join them.
 */
function outputChunkSize(body: Buffer): number {
  const declared = body.length >= 4 ? body.readUInt32LE(body.length - 4) : 0;
  return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, declared + 1));
}

/** The largest Buffer Node can make: zlib's own bound on maxOutputLength. */
const MAX_BUFFER = bufferConstants.MAX_LENGTH;

function formatMebibytes(bytes: number): string {
  return `${Number((bytes / (1024 * 1024)).toFixed(1))} MiB`;
}
