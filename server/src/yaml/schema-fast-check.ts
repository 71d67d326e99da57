/**
 * A compiled "is this document valid?" check for one kind's JSON schema: the verdict yaml-language-server's
 * draft-07 validator would reach, computed on the document's plain value in a small fraction of the time.
 * The schema service asks it first and hands only the documents it rejects (or cannot judge) to
 * yaml-language-server, whose messages and ranges we report. So this check never produces a message: it
 * only has to be exact about *whether* yaml-language-server would report a schema problem.
 *
 * Exactness is what lets `not` and `oneOf` work (both need "certainly invalid" as much as "certainly
 * valid"). It holds because every keyword is evaluated as yaml-language-server's BaseValidator does it
 * (node-type-specific keywords only on that type, `integer` = a number with no fraction, patterns built
 * like its safeCreateUnicodeRegExp, `oneOf` not counting alternatives that carry a `format`, ...). A
 * schema with a keyword this module does not model compiles to `undefined` (every document of that kind
 * goes to yaml-language-server), and a value it cannot judge (a key whose YAML type was lost by the
 * plain value) throws UNDECIDED at run time, with the same effect. test/unit/yaml/schema-fast-check.test.ts
 * holds it to yaml-language-server on every Istio fixture and thousands of mutated documents.
 */

/** Thrown by a check that cannot decide: the caller validates the document with yaml-language-server. */
export const UNDECIDED = Symbol('undecided');

export type ValueCheck = (value: unknown) => boolean;

type Schema = Readonly<Record<string, unknown>>;

/** Keywords that never affect validity (documentation, messages, editor hints). */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$comment',
  'title',
  'description',
  'markdownDescription',
  'default',
  'examples',
  'errorMessage',
  'patternErrorMessage',
  'doNotSuggest',
  'readOnly',
  'writeOnly',
]);

/** yaml-language-server's format patterns (baseValidator.js `formats`) for the formats Istio uses. */
const FORMATS: Readonly<Record<string, RegExp>> = {
  'date-time':
    /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9]))$/i,
  date: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/i,
  time: /^([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]|60)(\.[0-9]+)?(Z|(\+|-)([01][0-9]|2[0-3]):([0-5][0-9]))$/i,
};

/** A key that YAML would read as a number, boolean or null: as a plain-value key it became a string. */
const NON_STRING_KEY =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[Tt]rue|TRUE|[Ff]alse|FALSE|~|[Nn]ull|NULL|)$/;

/** The check for `schema`, or undefined when it uses a keyword this module does not model. */
export function compileSchemaCheck(schema: unknown): ValueCheck | undefined {
  try {
    return compile(schema);
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    throw error;
  }
}

const UNSUPPORTED = Symbol('unsupported');

function compile(raw: unknown): ValueCheck {
  // asSchema(): `true` accepts everything, `false` is `{ not: {} }`.
  if (raw === true) return () => true;
  if (raw === false) return () => false;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw UNSUPPORTED;
  const schema = raw as Schema;
  const checks: ValueCheck[] = [];
  for (const keyword of Object.keys(schema)) {
    if (ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    const check = compileKeyword(keyword, schema);
    if (check) checks.push(check);
  }
  if (checks.length === 0) return () => true;
  if (checks.length === 1) return checks[0] as ValueCheck;
  return (value) => {
    for (const check of checks) if (!check(value)) return false;
    return true;
  };
}

/** One keyword's check; undefined when the keyword is handled by another (`then` by `if`). */
function compileKeyword(keyword: string, schema: Schema): ValueCheck | undefined {
  const argument = schema[keyword];
  switch (keyword) {
    case 'type':
      return compileType(argument);
    case 'enum': {
      if (!Array.isArray(argument)) throw UNSUPPORTED;
      const allowed = argument as readonly unknown[];
      return (value) => allowed.some((candidate) => deepEqual(value, candidate));
    }
    case 'const':
      return (value) => deepEqual(value, argument);
    case 'properties':
      return compileProperties(schema);
    case 'additionalProperties':
      // Evaluated with `properties`, which decides what is "additional".
      if (!isSchemaObject(schema.properties)) return compileAdditional(schema, new Set());
      return undefined;
    case 'required': {
      if (!Array.isArray(argument)) throw UNSUPPORTED;
      const names = argument as readonly string[];
      return onObject((object) => names.every((name) => Object.hasOwn(object, name)));
    }
    case 'minProperties':
    case 'maxProperties': {
      const limit = numberArgument(argument);
      if (limit === undefined) return undefined;
      return onObject((object) => {
        const count = Object.keys(object).length;
        return keyword === 'minProperties' ? count >= limit : count <= limit;
      });
    }
    case 'propertyNames': {
      const check = compile(argument);
      return onObject((object) =>
        Object.keys(object).every((key) => {
          if (NON_STRING_KEY.test(key)) throw UNDECIDED;
          return check(key);
        }),
      );
    }
    case 'items': {
      if (Array.isArray(argument)) throw UNSUPPORTED;
      const check = compile(argument);
      return (value) => !Array.isArray(value) || value.every((item) => check(item));
    }
    case 'minItems':
    case 'maxItems': {
      const limit = numberArgument(argument);
      if (limit === undefined) return undefined;
      return (value) =>
        !Array.isArray(value) || (keyword === 'minItems' ? value.length >= limit : value.length <= limit);
    }
    case 'uniqueItems':
      if (argument !== true) return undefined;
      // yaml-language-server compares with lastIndexOf: identical primitives only, never two objects.
      return (value) =>
        !Array.isArray(value) || value.every((item, index) => value.lastIndexOf(item) === index);
    case 'minLength':
    case 'maxLength': {
      const limit = numberArgument(argument);
      if (limit === undefined) return undefined;
      return onString((text) => (keyword === 'minLength' ? text.length >= limit : text.length <= limit));
    }
    case 'pattern': {
      if (typeof argument !== 'string') return undefined;
      const regex = unicodeRegExp(argument);
      // An unusable pattern is itself reported ("Invalid pattern") on every string.
      return onString((text) => regex !== undefined && regex.test(text));
    }
    case 'format': {
      if (typeof argument !== 'string') return undefined;
      const pattern = FORMATS[argument];
      if (!pattern) throw UNSUPPORTED;
      return onString((text) => text !== '' && pattern.test(text));
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return compileLimit(keyword, schema);
    case 'allOf': {
      const checks = alternatives(argument);
      return (value) => checks.every((check) => check(value));
    }
    case 'anyOf': {
      const checks = alternatives(argument);
      return (value) => checks.some((check) => check(value));
    }
    case 'oneOf':
      return compileOneOf(argument);
    case 'not': {
      const check = compile(argument);
      return (value) => !check(value);
    }
    case 'if':
      return compileCondition(schema);
    case 'then':
    case 'else':
      return undefined;
    default:
      throw UNSUPPORTED;
  }
}

function compileType(argument: unknown): ValueCheck {
  const types = Array.isArray(argument) ? (argument as unknown[]) : [argument];
  if (!types.every((type) => typeof type === 'string')) throw UNSUPPORTED;
  return (value) => types.some((type) => matchesType(value, type as string));
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function compileProperties(schema: Schema): ValueCheck {
  if (!isSchemaObject(schema.properties)) throw UNSUPPORTED;
  const entries = Object.entries(schema.properties).map(
    ([name, property]) => [name, compile(property)] as const,
  );
  const known = new Set(entries.map(([name]) => name));
  const additional = compileAdditional(schema, known);
  return onObject((object) => {
    for (const [name, check] of entries) {
      if (Object.hasOwn(object, name) && !check(object[name])) return false;
    }
    return additional(object);
  });
}

/** `additionalProperties` over the keys `properties` does not name (patternProperties is not modelled). */
function compileAdditional(schema: Schema, known: ReadonlySet<string>): ValueCheck {
  if (schema.patternProperties !== undefined) throw UNSUPPORTED;
  const additional = schema.additionalProperties;
  if (additional === undefined || additional === true) return () => true;
  const check = additional === false ? undefined : compile(additional);
  return onObject((object) => {
    for (const key of Object.keys(object)) {
      if (known.has(key)) continue;
      if (!check || !check(object[key])) return false;
    }
    return true;
  });
}

/** Draft-07 limits: a numeric exclusive bound replaces the inclusive one (getNumberLimits). */
function compileLimit(keyword: string, schema: Schema): ValueCheck | undefined {
  const limit = numberArgument(schema[keyword]);
  if (limit === undefined) return undefined;
  if (keyword === 'minimum' && numberArgument(schema.exclusiveMinimum) !== undefined) return undefined;
  if (keyword === 'maximum' && numberArgument(schema.exclusiveMaximum) !== undefined) return undefined;
  const within: (number: number) => boolean = {
    minimum: (number: number) => number >= limit,
    maximum: (number: number) => number <= limit,
    exclusiveMinimum: (number: number) => number > limit,
    exclusiveMaximum: (number: number) => number < limit,
  }[keyword as 'minimum'];
  return (value) => typeof value !== 'number' || within(value);
}

/**
 * `oneOf`: some alternative must hold, and at most one of those that hold may be without a `format`
 * (yaml-language-server does not count format alternatives as a second match).
 */
function compileOneOf(argument: unknown): ValueCheck {
  const checks = alternatives(argument);
  const counted = (argument as readonly unknown[]).map(
    (alternative) => !(typeof alternative === 'object' && alternative !== null && 'format' in alternative),
  );
  return (value) => {
    let valid = 0;
    let countedValid = 0;
    checks.forEach((check, index) => {
      if (!check(value)) return;
      valid++;
      if (counted[index]) countedValid++;
    });
    return valid > 0 && countedValid <= 1;
  };
}

function compileCondition(schema: Schema): ValueCheck {
  const condition = compile(schema.if);
  const then = schema.then === undefined ? undefined : compile(schema.then);
  const otherwise = schema.else === undefined ? undefined : compile(schema.else);
  return (value) => (condition(value) ? (then?.(value) ?? true) : (otherwise?.(value) ?? true));
}

function alternatives(argument: unknown): ValueCheck[] {
  if (!Array.isArray(argument) || argument.length === 0) throw UNSUPPORTED;
  return argument.map((alternative) => compile(alternative));
}

function onObject(check: (object: Readonly<Record<string, unknown>>) => boolean): ValueCheck {
  return (value) =>
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    check(value as Record<string, unknown>);
}

function onString(check: (text: string) => boolean): ValueCheck {
  return (value) => typeof value !== 'string' || check(value);
}

function numberArgument(argument: unknown): number | undefined {
  return typeof argument === 'number' ? argument : undefined;
}

function isSchemaObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** yaml-language-server's safeCreateUnicodeRegExp: inline `(?i)`-style modifiers become flags. */
function unicodeRegExp(pattern: string): RegExp | undefined {
  let flags = '';
  const source = pattern.replace(/\(\?([ims]+)\)/g, (_match, modifiers: string) => {
    for (const modifier of modifiers) if (!flags.includes(modifier)) flags += modifier;
    return '';
  });
  try {
    return new RegExp(source, `${flags}u`);
  } catch {
    try {
      return new RegExp(source, flags);
    } catch {
      return undefined;
    }
  }
}

/** yaml-language-server's objects.equals for plain values. */
function deepEqual(one: unknown, other: unknown): boolean {
  if (one === other) return true;
  if (one === null || other === null || typeof one !== 'object' || typeof other !== 'object') return false;
  if (Array.isArray(one) !== Array.isArray(other)) return false;
  if (Array.isArray(one)) {
    const others = other as unknown[];
    return one.length === others.length && one.every((item, index) => deepEqual(item, others[index]));
  }
  const left = one as Record<string, unknown>;
  const right = other as Record<string, unknown>;
  const keys = Object.keys(left).sort();
  const otherKeys = Object.keys(right).sort();
  return deepEqual(keys, otherKeys) && keys.every((key) => deepEqual(left[key], right[key]));
}
