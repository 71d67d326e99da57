/**
 * Command-line parsing for every `meshwright` command. Each command declares its options as data
 * (OptionSpec); this module turns argv into values with node's util.parseArgs, and rejects what does not
 * fit with a one-line message that says how to fix it. Help text is generated from the same
 * declarations, so an option added for a later issue (`--cluster`, `--kubeconfig`) is one entry.
 */
import { parseArgs } from 'node:util';
import { CliError } from './cli-errors';
import { closestName } from '../text/closest-name';

export interface OptionSpec {
  /** The long name, without `--`. */
  readonly name: string;
  readonly short?: string;
  readonly type: 'boolean' | 'string';
  /** Repeatable (`--cluster a=x --cluster b=y`): every occurrence is kept, in order. */
  readonly multiple?: boolean;
  /** The placeholder in help text: `--format FORMAT`. */
  readonly valueName?: string;
  /** The accepted values; checked here so every command words a bad value the same way. */
  readonly choices?: readonly string[];
  readonly description: string;
}

/** Every command understands `--help`. */
export const HELP_OPTION: OptionSpec = {
  name: 'help',
  short: 'h',
  type: 'boolean',
  description: 'Show this help',
};

export class ParsedArguments {
  constructor(
    readonly positionals: readonly string[],
    private readonly values: ReadonlyMap<string, readonly (string | boolean)[]>,
  ) {}

  flag(name: string): boolean {
    return this.values.get(name)?.at(-1) === true;
  }

  /** The last occurrence of a single-valued option (the usual "last one wins"). */
  string(name: string): string | undefined {
    const last = this.values.get(name)?.at(-1);
    return typeof last === 'string' ? last : undefined;
  }

  /** Every occurrence of a repeatable option. */
  strings(name: string): readonly string[] {
    return (this.values.get(name) ?? []).filter((value): value is string => typeof value === 'string');
  }
}

/** `commandLine` names the command in messages, e.g. `meshwright analyze`. */
export function parseArguments(
  argv: readonly string[],
  specs: readonly OptionSpec[],
  commandLine: string,
): ParsedArguments {
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple: true }> = {};
  for (const spec of specs) {
    options[spec.name] = { type: spec.type, multiple: true, ...(spec.short ? { short: spec.short } : {}) };
  }
  // Non-strict parsing hands us every token, unknown ones included, so the messages below are ours
  // (parseArgs' own errors are long and suggest `--` tricks that do not apply here).
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const positionals: string[] = [];
  const values = new Map<string, (string | boolean)[]>();
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = specs.find((candidate) => candidate.name === token.name);
    if (!spec) throw unknownOption(token.rawName, specs, commandLine);
    const value = optionValue(spec, token.rawName, token.value, token.inlineValue === true, commandLine);
    values.set(spec.name, [...(values.get(spec.name) ?? []), value]);
  }
  return new ParsedArguments(positionals, values);
}

function optionValue(
  spec: OptionSpec,
  rawName: string,
  value: string | undefined,
  inline: boolean,
  commandLine: string,
): string | boolean {
  if (spec.type === 'boolean') {
    if (value !== undefined) {
      throw new CliError(`${rawName} takes no value (got "${value}")`, `write just ${rawName}`);
    }
    return true;
  }
  const example = spec.choices ? spec.choices.join(', ') : (spec.valueName ?? 'VALUE');
  // Without `=`, a value that looks like an option is almost always a forgotten value.
  if (value === undefined || value === '' || (!inline && value.startsWith('-') && value !== '-')) {
    throw new CliError(
      `${rawName} needs a value`,
      `write ${rawName} ${example} (see \`${commandLine} --help\`)`,
    );
  }
  if (spec.choices && !spec.choices.includes(value)) {
    throw new CliError(`unknown ${rawName} value "${value}"`, `use one of: ${spec.choices.join(', ')}`);
  }
  return value;
}

function unknownOption(rawName: string, specs: readonly OptionSpec[], commandLine: string): CliError {
  const typed = rawName.replace(/^-+/, '');
  const names = specs.map((spec) => spec.name);
  const close = typed.length > 2 ? closestName(typed, names, 2) : undefined;
  const remedy = close
    ? `did you mean --${close}? (see \`${commandLine} --help\`)`
    : `see \`${commandLine} --help\` for the options`;
  return new CliError(`unknown option ${rawName}`, remedy);
}

/** The options block of a command's help: one aligned line per option. */
export function formatOptionsHelp(specs: readonly OptionSpec[]): string {
  const labels = specs.map((spec) => {
    const long = `--${spec.name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
  });
  const width = Math.max(...labels.map((label) => label.length));
  return specs
    .map((spec, index) => `  ${(labels[index] ?? '').padEnd(width)}  ${spec.description}`)
    .join('\n');
}
