/**
 * IST0002: a deprecated field of a VirtualService, Sidecar or DestinationRule is set (the table is
 * model/deprecated-fields.ts). Underlines the field's key and says what replaces it.
 */
import { type ResourceAnalyzer } from '../framework/analyzer';
import { DEPRECATED_FIELDS, displayPath, pathsMatching } from '../model/deprecated-fields';
import { describe } from '../model/resource';

const KINDS_WITH_DEPRECATIONS = [...new Set(DEPRECATED_FIELDS.map((field) => field.kind))];

export const deprecatedFields: ResourceAnalyzer = {
  type: 'resource',
  name: 'deprecated-fields',
  codes: ['IST0002'],
  kinds: KINDS_WITH_DEPRECATIONS,
  analyze(resource, ctx) {
    for (const field of DEPRECATED_FIELDS) {
      if (field.kind !== resource.groupKind) continue;
      for (const path of pathsMatching(resource.object, field.pattern)) {
        ctx.report({
          code: 'IST0002',
          resource,
          path,
          target: 'key',
          message: `${describe(resource)} uses ${displayPath(path)}, which is deprecated; ${field.instead}.`,
        });
      }
    }
  },
};
