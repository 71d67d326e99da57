/**
 * Field selectors (`metadata.name=reviews`, `status.phase!=Running`): only the fields the API server
 * indexes for a resource are accepted, others are refused with 400 like the real server.
 */
import { type KubeObject } from '../model/kube-object';
import { type ResourceType } from '../registry/resource-type';
import { SelectorSyntaxError } from './label-selector';

interface FieldRequirement {
  field: string;
  value: string;
  negated: boolean;
  read: (object: KubeObject) => string;
}

export type FieldSelector = readonly FieldRequirement[];

/** Splits at unescaped commas and unescapes `\,`, `\=` and `\\`. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '\\' && index + 1 < text.length) {
      current += `\\${text[index + 1]}`;
      index += 1;
    } else if (char === ',') {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  terms.push(current);
  return terms.filter((term) => term !== '');
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1');
}

function readers(resource: ResourceType): Record<string, (object: KubeObject) => string> {
  const base: Record<string, (object: KubeObject) => string> = {
    'metadata.name': (object) => object.metadata.name,
  };
  if (resource.namespaced) base['metadata.namespace'] = (object) => object.metadata.namespace ?? '';
  return { ...base, ...resource.fieldLabels };
}

export function parseFieldSelector(text: string | null | undefined, resource: ResourceType): FieldSelector {
  if (!text) return [];
  const known = readers(resource);
  return splitTerms(text).map((term) => {
    const match = /^((?:[^=!\\]|\\.)+?)\s*(==|=|!=)\s*((?:[^\\]|\\.)*)$/.exec(term);
    if (!match) throw new SelectorSyntaxError(`invalid selector: '${text}'; can't understand '${term}'`);
    const field = unescape(match[1] ?? '');
    const read = known[field];
    if (!read) {
      throw new SelectorSyntaxError(
        resource.custom
          ? `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`
          : `field label not supported: ${field}`,
      );
    }
    return { field, value: unescape(match[3] ?? ''), negated: match[2] === '!=', read };
  });
}

export function matchesFields(selector: FieldSelector, object: KubeObject): boolean {
  return selector.every(
    (requirement) => (requirement.read(object) === requirement.value) !== requirement.negated,
  );
}

/** The single name a selector pins (`metadata.name=x`), which lets a list skip the others. */
export function pinnedName(selector: FieldSelector): string | undefined {
  return selector.find((requirement) => requirement.field === 'metadata.name' && !requirement.negated)?.value;
}
