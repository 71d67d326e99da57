/**
 * Which representation a client asked for in `Accept`: a plain object, a `meta.k8s.io` Table
 * (`kubectl get`), PartialObjectMetadata (metadata informers), or aggregated discovery
 * (`apidiscovery.k8s.io/v2`). The simulator answers JSON only: protobuf clients list JSON as a
 * fallback, and a request that accepts protobuf alone gets 406 like from a server without it.
 */

export type Representation =
  | { as: 'object' }
  | { as: 'Table' }
  | { as: 'PartialObjectMetadata' }
  | { as: 'PartialObjectMetadataList' }
  | { as: 'APIGroupDiscoveryList'; version: 'v2' | 'v2beta1' };

interface MediaType {
  type: string;
  params: Record<string, string>;
}

function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [{ type: '*/*', params: {} }];
  return header.split(',').map((part) => {
    const [type = '', ...params] = part.split(';').map((piece) => piece.trim());
    return {
      type: type.toLowerCase(),
      params: Object.fromEntries(
        params.map((param) => {
          const [key = '', value = ''] = param.split('=');
          return [key.trim(), value.trim()];
        }),
      ),
    };
  });
}

const JSON_TYPES = new Set(['application/json', 'application/*', '*/*']);

/** The first representation in the client's list that the simulator can produce; undefined = 406. */
export function negotiate(acceptHeader: string | undefined): Representation | undefined {
  for (const media of parseAccept(acceptHeader)) {
    if (!JSON_TYPES.has(media.type)) continue;
    const { as, g, v } = media.params;
    if (as === undefined) return { as: 'object' };
    if (g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
      if (as === 'Table' || as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList')
        return { as };
    }
    if (g === 'apidiscovery.k8s.io' && as === 'APIGroupDiscoveryList' && (v === 'v2' || v === 'v2beta1')) {
      return { as, version: v };
    }
  }
  return undefined;
}
