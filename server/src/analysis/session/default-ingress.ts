/**
 * The offline default ingress gateway: when the inputs define no ingress gateway (Pod or Service), the
 * session assumes Istio's default one (`istio: ingressgateway` in istio-system), as istioctl analyze does
 * offline, so Gateways selecting it are not reported. Added while nothing defines one, removed as soon
 * as something does.
 */
import { KINDS } from '../../../../protocol/kinds';
import {
  DEFAULT_INGRESS_OBJECTS,
  DEFAULT_INGRESS_URI,
  definesIngressGateway,
} from '../model/default-ingress-gateway';
import { type MeshIndex } from '../model/mesh-index';
import { type MeshResource } from '../model/resource';
import { type ResourceFactory } from '../model/resource-factory';

export class DefaultIngress {
  private builtins: MeshResource[] = [];
  /** Whether update() has looked at the whole index once (see there). */
  private known = false;

  /** `wanted` false: never assumed (the session's `defaultIngressGateway` option). */
  constructor(
    private readonly factory: ResourceFactory,
    private readonly wanted: boolean,
  ) {}

  /**
   * Before the index takes a refresh's changes: adds the default gateway's objects to `added`, or its
   * objects to `removed`, as the inputs stop or start defining one.
   */
  update(index: MeshIndex, added: Set<MeshResource>, removed: Set<MeshResource>): void {
    if (!this.wanted) return;
    // Once the answer is known, only a Pod or Service that defines an ingress gateway, added or removed,
    // can change it: looking at every pod and service of a 50-cluster mesh on each watch event cost about
    // 20 ms, a third of the analysis of the change.
    const concerned = (changed: Set<MeshResource>): boolean => [...changed].some(definesIngressGateway);
    if (this.known && !concerned(added) && !concerned(removed)) return;
    this.known = true;
    const stays = (resource: MeshResource): boolean =>
      definesIngressGateway(resource) && !removed.has(resource);
    const defined =
      [...added].some(definesIngressGateway) ||
      index.ofKind(KINDS.Pod).some(stays) ||
      index.ofKind(KINDS.Service).some(stays);
    if (defined && this.builtins.length > 0) {
      for (const builtin of this.builtins) removed.add(builtin);
      this.builtins = [];
    } else if (!defined && this.builtins.length === 0) {
      this.builtins = DEFAULT_INGRESS_OBJECTS.map((object) =>
        this.factory.builtin(object, DEFAULT_INGRESS_URI),
      );
      for (const builtin of this.builtins) added.add(builtin);
    }
  }
}
