/**
 * IST0150: an ExternalName Service port named `tcp`, or whose name (and appProtocol) gives Istio no
 * protocol. Sidecars then handle the port as plain TCP to the external name and may drop its traffic
 * (istioctl's PortNameAnalyzer condition, exactly: name `tcp`, or an Unsupported protocol).
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asNumber, asRecord, asString } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';
import { istioProtocolOfServicePort } from '../model/service-port-protocol';

export const externalNamePortName: ResourceAnalyzer = {
  type: 'resource',
  name: 'externalname-port-name',
  codes: ['IST0150'],
  kinds: [KINDS.Service],
  requires: ['kubernetes'],
  analyze(resource, ctx) {
    const spec = specOf(resource);
    if (asString(spec.type) !== 'ExternalName') return;
    const externalName = asString(spec.externalName) ?? 'its external name';
    asArray(spec.ports).forEach((item, i) => {
      const port = asRecord(item);
      if (!port) return;
      const name = asString(port.name);
      const protocol = istioProtocolOfServicePort(port);
      if (name !== 'tcp' && protocol !== undefined) return;
      const number = asNumber(port.port);
      const label = `port ${number ?? `#${i}`}`;
      const problem =
        name === 'tcp'
          ? `${label} is named "tcp"`
          : name
            ? `${label} is named "${name}", which gives Istio no protocol`
            : `${label} has no name and no appProtocol, so Istio knows no protocol for it`;
      ctx.report({
        code: 'IST0150',
        resource,
        path: name !== undefined ? ['spec', 'ports', i, 'name'] : ['spec', 'ports', i, 'port'],
        message: `${describe(resource)} is an ExternalName Service (${externalName}) and ${problem}: sidecars may drop TCP traffic to it. Name the port after its protocol (https-..., tls-..., http-..., mongo-...) or set appProtocol.`,
        data: { port: number ?? null, name: name ?? null },
      });
    });
  },
};
