/**
 * Reads and server-side applies one object in one cluster through `@kubernetes/client-node`'s
 * `KubernetesObjectApi` (the library resolves the resource path from the API server's discovery, and
 * applies the kubeconfig's TLS material and credentials per request; exec plugins run through
 * request-credentials.ts, within the request's deadline, once per credential lifetime).
 * What this module adds: a deadline on every request and the run's AbortSignal (through a request
 * middleware, since the object API has no per-call signal), plain-JSON results, and failures turned into
 * explained ApplyFailures (thrown as ApplyRequestError). Each instance serves one run in one cluster.
 */
import {
  ApiException,
  type KubeConfig,
  KubernetesObjectApi,
  type KubernetesObject,
  PatchStrategy,
  ServerConfiguration,
  createConfiguration,
} from '@kubernetes/client-node';
import { type ResourceRef } from '../mesh/diagnostic';
import { RequestCredentials } from '../topology/kube-api/request-credentials';
import {
  type FailureContext,
  cancelledFailure,
  failure,
  statusFailure,
  transportFailure,
} from './apply-failures';
import { type ApplyFailure, FIELD_MANAGER } from '../../../protocol/apply';

export class ApplyRequestError extends Error {
  constructor(readonly failure: ApplyFailure) {
    super(failure.message);
    this.name = 'ApplyRequestError';
  }
}

export interface ClusterClientOptions {
  readonly cluster: string;
  readonly config: KubeConfig;
  /** Deadline of each request (discovery, read, patch). */
  readonly timeoutMs: number;
  /** The run's cancellation. */
  readonly signal: AbortSignal;
}

export class ClusterObjectClient {
  private readonly api: DiscoveringObjectApi;
  private readonly address: string;

  constructor(private readonly options: ClusterClientOptions) {
    const server = options.config.getCurrentCluster()?.server;
    if (!server) throw new Error(`context ${options.cluster} has no cluster server`);
    this.address = addressOf(server);
    const credentials = new RequestCredentials(options.config);
    const configuration = createConfiguration({
      baseServer: new ServerConfiguration(server, {}),
      authMethods: {
        default: {
          getName: () => 'kubeconfig authentication',
          // An exec plugin runs here, before the request and its middleware: it gets the request's
          // deadline and the run's cancellation itself (request-credentials.ts).
          applySecurityAuthentication: async (context) =>
            (
              await credentials.kubeconfigFor({ timeoutMs: options.timeoutMs, signal: options.signal })
            ).applySecurityAuthentication(context),
        },
      },
      promiseMiddleware: [
        {
          // A fresh deadline per request, tied to the run's cancellation.
          pre: (context) => {
            context.setSignal(AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]));
            return Promise.resolve(context);
          },
          post: (context) => Promise.resolve(context),
        },
      ],
    });
    this.api = new DiscoveringObjectApi(configuration);
  }

  /** The live object, or null when it does not exist. Fails when the cluster does not serve the kind. */
  async read(
    object: Record<string, unknown>,
    resource: ResourceRef,
  ): Promise<Record<string, unknown> | null> {
    await this.ensureServed(resource);
    try {
      return plain(await this.api.read(asSpec(object) as Parameters<KubernetesObjectApi['read']>[0]));
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return null;
      throw this.explain(error, resource);
    }
  }

  /** Server-side apply with field manager `meshwright`; `dryRun` stores nothing. Returns the resulting object. */
  async apply(
    object: Record<string, unknown>,
    resource: ResourceRef,
    options: { readonly dryRun: boolean; readonly force: boolean },
  ): Promise<Record<string, unknown>> {
    await this.ensureServed(resource);
    try {
      const result = await this.api.patch(
        asSpec(object),
        undefined,
        options.dryRun ? 'All' : undefined,
        FIELD_MANAGER,
        options.force ? true : undefined,
        PatchStrategy.ServerSideApply,
      );
      return plain(result);
    } catch (error) {
      throw this.explain(error, resource);
    }
  }

  /** Discovery of the apiVersion (cached per instance): a type the cluster does not serve is its own failure. */
  private async ensureServed(resource: ResourceRef): Promise<void> {
    let served: unknown;
    try {
      served = await this.api.servedResource(resource.apiVersion, resource.kind);
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) served = undefined;
      else throw this.explain(error, resource);
    }
    if (!served) {
      throw new ApplyRequestError(
        failure(
          'kind-not-served',
          `cluster ${this.options.cluster} does not serve ${resource.apiVersion} ${resource.kind}; install Istio's CRDs there, or use an apiVersion the cluster serves`,
        ),
      );
    }
  }

  private explain(error: unknown, resource: ResourceRef): ApplyRequestError {
    if (error instanceof ApplyRequestError) return error;
    const context: FailureContext = {
      cluster: this.options.cluster,
      resource,
      address: this.address,
      timeoutMs: this.options.timeoutMs,
    };
    if (this.options.signal.aborted) return new ApplyRequestError(cancelledFailure(this.options.cluster));
    if (error instanceof ApiException)
      return new ApplyRequestError(statusFailure(error.code, error.body, context));
    // node-fetch reports an aborted request as AbortError; the run was not cancelled, so the deadline hit.
    const timedOut = (error as { name?: unknown } | null)?.name === 'AbortError';
    return new ApplyRequestError(
      transportFailure(
        timedOut ? Object.assign(new Error('timeout'), { name: 'TimeoutError' }) : error,
        context,
        false,
      ),
    );
  }
}

/** The object API's discovery lookup (protected there) made callable, to tell "kind not served" apart. */
class DiscoveringObjectApi extends KubernetesObjectApi {
  servedResource(apiVersion: string, kind: string): Promise<unknown> {
    return this.resource(apiVersion, kind);
  }
}

/** The library's model objects (Dates in metadata) as plain JSON, the shape YAML rendering and diffs expect. */
function plain(object: KubernetesObject): Record<string, unknown> {
  return JSON.parse(JSON.stringify(object)) as Record<string, unknown>;
}

/** The object API fills in defaults on the spec it is given: hand it a copy. */
function asSpec(object: Record<string, unknown>): KubernetesObject {
  return structuredClone(object) as KubernetesObject;
}

function addressOf(server: string): string {
  try {
    const url = new URL(server);
    return `${url.hostname}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`;
  } catch {
    return server;
  }
}
