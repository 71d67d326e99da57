/**
 * The TLS material and credentials of a cluster's requests. `@kubernetes/client-node` applies them from
 * the kubeconfig; it works them out anew for every request (base64-decoding the CA, reading files, asking
 * token refreshers), which is right for credentials that change and wasted for those written in the
 * kubeconfig itself: ~0.15 s of the event loop for the 1,400 lists of a fifty-cluster sync. Those are
 * worked out once per kubeconfig read.
 *
 * Exec credential plugins are not left to the library (it runs them with no deadline, once per request,
 * and quotes their output in errors): exec-credential-cache.ts runs them within the request's deadline,
 * once per credential lifetime, and the credential is applied as if the kubeconfig's user held it.
 */
import type https from 'node:https';
import { type Cluster, KubeConfig, type User } from '@kubernetes/client-node';
import {
  type CredentialDeadline,
  type ExecCredentialCache,
  processExecCredentials,
} from './exec-credential-cache';
import { type ExecClusterInfo, type ExecCredential, type ExecPluginConfig } from './exec-credential-plugin';

export class RequestCredentials {
  private fixed: https.RequestOptions | null = null;
  /** The options last worked out from a plugin's credential, reused while the credential stays the same. */
  private fromPlugin: { readonly credential: ExecCredential; readonly options: https.RequestOptions } | null =
    null;
  /** Which plugin credential each request's options carry, to drop the one a 401 refused. */
  private readonly credentialOf = new WeakMap<https.RequestOptions, ExecCredential>();

  constructor(
    private config: KubeConfig,
    private readonly plugins: ExecCredentialCache = processExecCredentials,
  ) {}

  get kubeconfig(): KubeConfig {
    return this.config;
  }

  /** The exec plugin of the kubeconfig's user, when it has one (its name appears in messages). */
  get execPlugin(): ExecPluginConfig | null {
    return execOf(this.config.getCurrentUser());
  }

  /** A re-read kubeconfig: its credentials from the next request on. */
  setConfig(config: KubeConfig): void {
    this.config = config;
    this.fixed = null;
    this.fromPlugin = null;
  }

  /**
   * The options of the next request, within `deadline` (an exec plugin may have to run). Shared between
   * requests when fixed: callers must not change it.
   */
  async apply(deadline: CredentialDeadline): Promise<Readonly<https.RequestOptions>> {
    if (this.fixed) return this.fixed;
    const exec = this.execPlugin;
    if (exec) {
      const credential = await this.plugins.get(exec, this.clusterInfo(), deadline);
      if (this.fromPlugin?.credential === credential) return this.fromPlugin.options;
      const options: https.RequestOptions = {};
      await withCredential(this.config, credential).applyToHTTPSOptions(options);
      this.credentialOf.set(options, credential);
      // Options with a CA or key read from files are worked out again with every request.
      if (writtenInKubeconfig(this.config)) this.fromPlugin = { credential, options };
      return options;
    }
    const applied: https.RequestOptions = {};
    await this.config.applyToHTTPSOptions(applied);
    if (writtenInKubeconfig(this.config)) this.fixed = applied;
    return applied;
  }

  /**
   * The kubeconfig as the library should apply it to one request, within `deadline`: the plugin's current
   * credential in place of the plugin (for clients built on the library's own request pipeline).
   */
  async kubeconfigFor(deadline: CredentialDeadline): Promise<KubeConfig> {
    const exec = this.execPlugin;
    if (!exec) return this.config;
    return withCredential(this.config, await this.plugins.get(exec, this.clusterInfo(), deadline));
  }

  /**
   * The API server refused (401) a request sent with `options`: a plugin's credential is dropped so the
   * next request runs the plugin again, as kubectl does.
   */
  refused(options: Readonly<https.RequestOptions>): void {
    const exec = this.execPlugin;
    if (!exec) return;
    const credential = this.credentialOf.get(options);
    if (credential) {
      this.plugins.invalidate(exec, this.clusterInfo(), credential);
      this.fromPlugin = null;
    }
  }

  private clusterInfo(): ExecClusterInfo | undefined {
    const cluster = this.config.getCurrentCluster();
    return cluster ? clusterInfoOf(cluster) : undefined;
  }
}

function execOf(user: User | null): ExecPluginConfig | null {
  const exec = user?.exec as Partial<ExecPluginConfig> | undefined;
  return exec && typeof exec.command === 'string' && exec.command !== '' ? (exec as ExecPluginConfig) : null;
}

/**
 * The kubeconfig with the plugin's credential in place of the plugin: the library then applies the CA,
 * TLS options and proxy as for any user.
 */
export function withCredential(config: KubeConfig, credential: ExecCredential): KubeConfig {
  const user = config.getCurrentUser();
  const context = config.getContextObject(config.currentContext);
  const cluster = config.getCurrentCluster();
  if (!user || !context || !cluster) return config;
  const { exec: _exec, ...withoutPlugin } = user;
  const replaced: User = {
    ...withoutPlugin,
    ...(credential.token ? { token: credential.token } : {}),
    ...(credential.clientCertificateData && credential.clientKeyData
      ? {
          // The library reads `*-data` as base64, as the kubeconfig writes it; the plugin gives PEM.
          certData: Buffer.from(credential.clientCertificateData).toString('base64'),
          keyData: Buffer.from(credential.clientKeyData).toString('base64'),
          certFile: undefined,
          keyFile: undefined,
        }
      : {}),
  };
  const result = new KubeConfig();
  result.loadFromOptions({
    clusters: [cluster],
    users: [replaced],
    contexts: [context],
    currentContext: context.name,
  });
  return result;
}

/** What a plugin with `provideClusterInfo` is told of the cluster, as kubectl tells it. */
function clusterInfoOf(cluster: Cluster): ExecClusterInfo {
  return {
    server: cluster.server,
    ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
    ...(cluster.skipTLSVerify ? { 'insecure-skip-tls-verify': true } : {}),
    ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
    ...(cluster.proxyUrl ? { 'proxy-url': cluster.proxyUrl } : {}),
  };
}

/**
 * True when the cluster's and user's TLS material and credentials are all data of the kubeconfig: no
 * file (it may be rotated on disk), no auth provider (it refreshes tokens), no proxy (the library makes
 * its agent per request). An exec plugin's credential is kept by exec-credential-cache.ts.
 */
function writtenInKubeconfig(config: KubeConfig): boolean {
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  if (!cluster || !user) return false;
  return !cluster.caFile && !cluster.proxyUrl && !user.certFile && !user.keyFile && !user.authProvider;
}
