/** The identity of a Kubernetes object as the server and the client name it: diagnostics, apply plans. */
export interface ResourceRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}
