/**
 * The Gateway API's resources (standard channel, schemas/source/gateway-api), served like the API server
 * serves them once their CRDs are installed. The facts come from gateway-api-crd-metadata.json, generated
 * from the CRDs by simulator/scripts/generate-crd-metadata.ts; their schemas are read from the CRDs on
 * first use (openapi-documents.ts).
 */
import metadata from './gateway-api-crd-metadata.json';
import { crdResourceTypes } from './istio-resources';
import { type ResourceType } from './resource-type';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

export const GATEWAY_API_RESOURCES: readonly ResourceType[] = crdResourceTypes(metadata);
