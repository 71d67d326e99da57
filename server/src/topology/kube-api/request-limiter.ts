/**
 * Caps how many list responses one discovery reads and parses at once across all its clusters. Fifty
 * clusters answering together would otherwise put hundreds of response bodies in memory at the same time;
 * with the cap, the others wait in their sockets (flow control holds them at the server). Only reading is
 * capped, not waiting for an answer, so a slow cluster never holds the others' turns. Watches are not
 * capped: each is one long-lived stream.
 */
export class RequestLimiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /**
   * Runs `task` when a slot is free; the slot is released when it settles, or earlier when the task calls
   * `release` (a request that waits long for its answer gives its turn to the next one).
   */
  async run<T>(task: (release: () => void) => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active += 1;
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.queue.shift()?.();
    };
    try {
      return await task(release);
    } finally {
      release();
    }
  }
}

/** The caps of one discovery, shared by all its clusters (see KubeApiClient.getJson). */
export interface ListLimits {
  /** Uncompressed bodies being read and parsed: each is a whole page in memory. */
  readonly bodies: RequestLimiter;
  /** Bodies being inflated, pruned and parsed (compressed ones wait for this only). */
  readonly decoding: RequestLimiter;
  /**
   * The largest answer taken, as received and once inflated (and the longest watch event): anything
   * bigger fails its request, so a hostile or broken API server cannot make Meshwright hold gigabytes.
   */
  readonly maxBodyBytes: number;
}

/**
 * 128 MiB: a page of 500 objects is a few MB (a page of big pods with their managedFields, ~10 MB); a
 * page near the cap takes about four times its size in memory while parsed, which is as far as it should
 * go.
 */
export const DEFAULT_MAX_BODY_BYTES = 128 * 1024 * 1024;

/**
 * Bodies: enough to hide network latency, few enough to bound their memory. Decoding: the event loop
 * parses one body at a time anyway; a few more keep zlib's threads inflating the next ones, while every
 * body in this stage holds its inflated bytes (sixteen of them raised the peak memory by 40 MB).
 */
export function listLimits(maxBodyBytes: number = DEFAULT_MAX_BODY_BYTES): ListLimits {
  return { bodies: new RequestLimiter(16), decoding: new RequestLimiter(4), maxBodyBytes };
}
