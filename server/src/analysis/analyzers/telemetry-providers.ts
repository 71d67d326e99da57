/**
 * IST0157: a Telemetry access logging entry names no provider while mesh config sets no default access
 * log provider (`defaultProviders.accessLogging`), so the entry logs nothing.
 *
 * As istioctl (telemetry/providers.go), which checks access logging only: an empty or absent `providers`
 * means "the default providers". An entry with `disabled: true` is left alone: it is how a namespace turns
 * logging off, and has nothing to name.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { KINDS } from '../../../../protocol/kinds';
import { asArray, asRecord } from '../../mesh/object-fields';
import { describe, specOf } from '../model/resource';

export const telemetryProviders: ResourceAnalyzer = {
  type: 'resource',
  name: 'telemetry-providers',
  codes: ['IST0157'],
  kinds: [KINDS.Telemetry],
  analyze(resource, ctx) {
    const entries = asArray(specOf(resource).accessLogging);
    const silent = entries.flatMap((item, i) => {
      const entry = asRecord(item);
      if (!entry || entry.disabled === true || asArray(entry.providers).length > 0) return [];
      return [{ i, hasList: entry.providers !== undefined }];
    });
    if (silent.length === 0) return;
    const defaults = asArray(asRecord(ctx.mesh.meshConfig.mesh.defaultProviders)?.accessLogging);
    if (defaults.length > 0) return;
    for (const { i, hasList } of silent) {
      ctx.report({
        code: 'IST0157',
        resource,
        path: hasList ? ['spec', 'accessLogging', i, 'providers'] : ['spec', 'accessLogging', i],
        message: `${describe(resource)} access logging entry #${i} names no provider and mesh config sets no default (defaultProviders.accessLogging), so it logs nothing. Name a provider (e.g. providers: [{name: envoy}]) or set meshConfig.defaultProviders.accessLogging.`,
        data: { entry: i },
      });
    }
  },
};
