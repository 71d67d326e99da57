/**
 * The harness' own small client for a real API server: HTTPS trusting the cluster's CA, one of its
 * identities (a bearer token or a client certificate), and the answer as status, headers and text. It is
 * deliberately not Meshwright's client: the harness seeds and inspects the clusters Meshwright is tested
 * against, so it must not share Meshwright's bugs.
 */
import https from 'node:https';
import zlib from 'node:zlib';

/** How a request authenticates: a bearer token, a client certificate, or nothing (anonymous). */
export type Credential =
  | { readonly token: string }
  | { readonly certificatePem: string; readonly privateKeyPem: string }
  | { readonly anonymous: true };

export interface KubeAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface KubeRequest {
  readonly method?: string;
  readonly body?: unknown;
  readonly contentType?: string;
  readonly accept?: string;
  readonly gzip?: boolean;
  readonly timeoutMs?: number;
}

export class KubeRest {
  constructor(
    readonly server: string,
    private readonly caPem: string,
    private readonly credential: Credential,
  ) {}

  as(credential: Credential): KubeRest {
    return new KubeRest(this.server, this.caPem, credential);
  }

  request(path: string, options: KubeRequest = {}): Promise<KubeAnswer> {
    const headers: Record<string, string> = {};
    if ('token' in this.credential) headers.Authorization = `Bearer ${this.credential.token}`;
    const body =
      options.body === undefined
        ? undefined
        : typeof options.body === 'string'
          ? options.body
          : JSON.stringify(options.body);
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    if (options.accept) headers.Accept = options.accept;
    if (options.gzip) headers['Accept-Encoding'] = 'gzip';
    const tls =
      'certificatePem' in this.credential
        ? { cert: this.credential.certificatePem, key: this.credential.privateKeyPem }
        : {};
    return new Promise((resolve, reject) => {
      const request = https.request(
        new URL(path, this.server),
        { method: options.method ?? 'GET', ca: this.caPem, headers, ...tls },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const raw = Buffer.concat(chunks);
            const inflated = response.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(raw) : raw;
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: inflated.toString(),
            });
          });
          response.on('error', reject);
        },
      );
      request.setTimeout(options.timeoutMs ?? 30_000, () =>
        request.destroy(new Error(`${options.method ?? 'GET'} ${path}: no answer in time`)),
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Like `request`, but the answer must be 2xx; returns its JSON. */
  async json<T = Record<string, unknown>>(path: string, options: KubeRequest = {}): Promise<T> {
    const answer = await this.request(path, options);
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`${options.method ?? 'GET'} ${path}: ${answer.status} ${answer.body.slice(0, 500)}`);
    }
    return JSON.parse(answer.body) as T;
  }
}
