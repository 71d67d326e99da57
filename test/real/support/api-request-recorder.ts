/**
 * Records the requests Meshwright's own API client (KubeApiClient) sends, and the events of its watches,
 * without changing what it does: which lists and watches discovery asked a real server for (bookmarks
 * requested, a relist after 410 Gone) can then be checked, which the snapshot alone does not tell.
 */
import { KubeApiClient } from '../../../server/src/topology/kube-api/kube-api-client';

export interface RecordedRequest {
  /** The client's server address, `127.0.0.1:6443`. */
  readonly address: string;
  readonly kind: 'list' | 'watch';
  /** The path and query as sent. */
  readonly path: string;
  readonly at: number;
  /**
   * For a watch: every event received (ADDED, BOOKMARK, ERROR...) with its object's resourceVersion, or
   * for an ERROR the code of its Status (410: too old).
   */
  readonly events: { readonly type: string; readonly resourceVersion?: string; readonly code?: number }[];
  /** When the answer was complete (a list) or the watch ended. */
  endedAt?: number;
  /** For a watch: how it ended (`clean`, or the error's message); undefined while open. */
  outcome?: string;
}

export class ApiRequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private readonly restore: () => void;

  private constructor() {
    const prototype = KubeApiClient.prototype;
    const { getJson, watch } = prototype;
    const requests = this.requests;
    prototype.getJson = function (this: KubeApiClient, ...args: Parameters<typeof getJson>) {
      const request: RecordedRequest = {
        address: this.address,
        kind: 'list',
        path: args[0],
        at: Date.now(),
        events: [],
      };
      requests.push(request);
      const answer = getJson.apply(this, args);
      const ended = (): void => void (request.endedAt = Date.now());
      answer.then(ended, ended);
      return answer;
    };
    prototype.watch = async function (this: KubeApiClient, ...args: Parameters<typeof watch>) {
      const request: RecordedRequest = {
        address: this.address,
        kind: 'watch',
        path: args[0],
        at: Date.now(),
        events: [],
      };
      requests.push(request);
      const [pathAndQuery, options, onEvent, onOpen] = args;
      const recording = (event: unknown): void => {
        const { type, object } = (event ?? {}) as {
          type?: unknown;
          object?: { metadata?: { resourceVersion?: string }; code?: number };
        };
        request.events.push({
          type: String(type),
          resourceVersion: object?.metadata?.resourceVersion,
          code: object?.code,
        });
        onEvent(event);
      };
      try {
        await watch.call(this, pathAndQuery, options, recording, onOpen);
        request.endedAt = Date.now();
        request.outcome = 'clean';
      } catch (error) {
        request.endedAt = Date.now();
        request.outcome = error instanceof Error ? error.message : String(error);
        throw error;
      }
    };
    this.restore = () => {
      prototype.getJson = getJson;
      prototype.watch = watch;
    };
  }

  /** Starts recording every KubeApiClient of this process; `stop()` puts the originals back. */
  static start(): ApiRequestRecorder {
    return new ApiRequestRecorder();
  }

  /** Requests to `address` whose path starts with `collection` (e.g. `/apis/networking.istio.io/`). */
  to(address: string, collection: string, since = 0): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.address === address && request.path.startsWith(collection) && request.at >= since,
    );
  }

  stop(): void {
    this.restore();
  }
}
