/**
 * A KubeConfig for a plain-HTTP server the test itself runs on 127.0.0.1: one cluster, one token user,
 * for tests of the API client against answers they shape themselves.
 */
import { type AddressInfo } from 'node:net';
import type http from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';

export function localKubeConfig(server: http.Server, token = 'not-a-real-token'): KubeConfig {
  const config = new KubeConfig();
  config.loadFromOptions({
    clusters: [
      {
        name: 'c',
        server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        // client-node takes plain HTTP only with this set.
        skipTLSVerify: true,
      },
    ],
    users: [{ name: 'u', token }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return config;
}
