/**
 * The TLS material and credentials of a cluster's requests, as `@kubernetes/client-node` applies them from
 * the kubeconfig. The library works them out anew for every request (base64-decoding the CA, reading
 * files, asking exec plugins and token refreshers), which is right for credentials that change and
 * wasted for those written in the kubeconfig itself: ~0.15 s of the event loop for the 1,400 lists of a
 * fifty-cluster sync. Those are worked out once per kubeconfig read.
 */
import type https from 'node:https';
import { type KubeConfig } from '@kubernetes/client-node';

export class RequestCredentials {
  private fixed: https.RequestOptions | null = null;

  constructor(private config: KubeConfig) {}

  get kubeconfig(): KubeConfig {
    return this.config;
  }

  /** A re-read kubeconfig: its credentials from the next request on. */
  setConfig(config: KubeConfig): void {
    this.config = config;
    this.fixed = null;
  }

  /** The options of the next request. Shared between requests when fixed: callers must not change it. */
  async apply(): Promise<Readonly<https.RequestOptions>> {
    if (this.fixed) return this.fixed;
    const applied: https.RequestOptions = {};
    await this.config.applyToHTTPSOptions(applied);
    if (writtenInKubeconfig(this.config)) this.fixed = applied;
    return applied;
  }
}

/**
 * True when the cluster's and user's TLS material and credentials are all data of the kubeconfig: no
 * file (it may be rotated on disk), no exec plugin or auth provider (they refresh tokens), no proxy
 * (the library makes its agent per request).
 */
function writtenInKubeconfig(config: KubeConfig): boolean {
  const cluster = config.getCurrentCluster();
  const user = config.getCurrentUser();
  if (!cluster || !user) return false;
  return (
    !cluster.caFile &&
    !cluster.proxyUrl &&
    !user.certFile &&
    !user.keyFile &&
    !user.exec &&
    !user.authProvider
  );
}
