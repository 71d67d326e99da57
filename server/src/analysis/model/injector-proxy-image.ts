/**
 * The proxy image Istio's injector puts into pods, per revision, read from its ConfigMap
 * `istio-sidecar-injector` (revision `default`) or `istio-sidecar-injector-<revision>`: the `values` key
 * is JSON whose `global.hub`, `global.tag` and `global.proxy.image` give `<hub>/<image>:<tag>` (image
 * `proxyv2` by default; an image with a `/` is taken whole), as pilot's inject.ProxyImage builds it.
 *
 * Image variants (`-distroless`, `-debug` tag suffixes) come from ProxyConfig, mesh config and pod
 * annotations; two images that differ only in the variant are treated as the same release.
 */
import { type Fields, asRecord, asString } from '../../mesh/object-fields';
import { type MeshResource } from './resource';

export const INJECTOR_CONFIGMAP = 'istio-sidecar-injector';
export const PROXY_CONTAINER = 'istio-proxy';
const VARIANTS = ['distroless', 'debug'];

export interface InjectorImage {
  readonly revision: string;
  readonly image: string;
  readonly configMap: MeshResource;
}

/** The revision an injector ConfigMap serves, or undefined when it is not one. */
export function injectorRevisionOf(configMap: MeshResource): string | undefined {
  if (configMap.name === INJECTOR_CONFIGMAP) return 'default';
  const prefix = `${INJECTOR_CONFIGMAP}-`;
  return configMap.name.startsWith(prefix) && configMap.name.length > prefix.length
    ? configMap.name.slice(prefix.length)
    : undefined;
}

/** The Helm values the injector ConfigMap was rendered with (its `values` key, JSON), if readable. */
export function injectorValuesOf(configMap: MeshResource): Fields | undefined {
  const text = asString(asRecord(configMap.object.data)?.values);
  if (!text) return undefined;
  try {
    return asRecord(JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** The image the injector ConfigMap injects, or undefined when its `values` do not say. */
export function injectorImageOf(configMap: MeshResource): string | undefined {
  const global = asRecord(injectorValuesOf(configMap)?.global);
  const image = asString(asRecord(global?.proxy)?.image) ?? 'proxyv2';
  if (image.includes('/')) return image;
  const hub = asString(global?.hub);
  const tag = global?.tag;
  if (!hub || (typeof tag !== 'string' && typeof tag !== 'number') || tag === '') return undefined;
  return `${hub}/${image}:${String(tag)}`;
}

/** Same repository and release, ignoring the variant suffix of the tag. */
export function sameProxyImage(actual: string, expected: string): boolean {
  return withoutVariant(actual) === withoutVariant(expected);
}

function withoutVariant(image: string): string {
  for (const variant of VARIANTS) {
    if (image.endsWith(`-${variant}`)) return image.slice(0, -(variant.length + 1));
  }
  return image;
}
