/**
 * Allocates what the API server allocates for a new Service: a cluster IP (from 10.96.0.0/16, like
 * kubeadm's default service range) unless the Service is headless or sets one, and node ports for
 * NodePort and LoadBalancer Services.
 */
import { isRecord, type KubeObject } from '../model/kube-object';

export class ServiceAddressAllocator {
  private nextIp = 1;
  private nextNodePort = 30000;
  private readonly usedIps = new Set<string>();
  private readonly usedNodePorts = new Set<number>();

  /** Fills in spec.clusterIP(s) and node ports of a Service about to be created (mutates it). */
  assign(service: KubeObject): void {
    if (!isRecord(service.spec)) service.spec = {};
    const spec = service.spec as Record<string, unknown>;
    if (spec.type === 'ExternalName') return;
    if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') {
      this.usedIps.add(spec.clusterIP);
    } else {
      spec.clusterIP = this.allocateIp();
    }
    spec.clusterIPs ??= [spec.clusterIP];
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
      for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
        if (!isRecord(port)) continue;
        if (typeof port.nodePort === 'number') this.usedNodePorts.add(port.nodePort);
        else port.nodePort = this.allocateNodePort();
      }
    }
  }

  private allocateIp(): string {
    for (;;) {
      const ip = `10.96.${Math.floor(this.nextIp / 254) % 256}.${(this.nextIp % 254) + 1}`;
      this.nextIp += 1;
      if (!this.usedIps.has(ip)) {
        this.usedIps.add(ip);
        return ip;
      }
    }
  }

  private allocateNodePort(): number {
    while (this.usedNodePorts.has(this.nextNodePort)) this.nextNodePort += 1;
    this.usedNodePorts.add(this.nextNodePort);
    return this.nextNodePort;
  }
}
