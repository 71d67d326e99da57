/**
 * `meshwright [--help | --version | <command> [options] [args]]`: picks the command from the table,
 * parses its options and runs it. Usage and input errors (CliError) become one line on stderr and exit
 * code 2; this is the only place that prints them.
 */
import { HELP_OPTION, formatOptionsHelp, parseArguments } from './cli-arguments';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';
import { COMMANDS, type CommandDefinition, findCommand } from './commands';
import { EXIT_OK, EXIT_USAGE_OR_INPUT } from './exit-codes';
import { readPackageInfo } from './package-info';

export async function runCli(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  try {
    return await dispatch(argv, environment);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    environment.stderr.write(`meshwright: ${error.message}\n`);
    return error.exitCode;
  }
}

async function dispatch(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    environment.stderr.write(globalHelp());
    return EXIT_USAGE_OR_INPUT;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' && rest[0] !== undefined ? findCommand(rest[0]) : undefined;
    environment.stdout.write(topic ? commandHelp(topic) : globalHelp());
    return EXIT_OK;
  }
  if (first === '--version') {
    environment.stdout.write(`${readPackageInfo().version}\n`);
    return EXIT_OK;
  }
  const command = findCommand(first);
  if (!command) {
    const names = COMMANDS.map((candidate) => candidate.name).join(', ');
    throw first.startsWith('-')
      ? new CliError(
          `unknown option ${first}`,
          `options go after the command, e.g. \`meshwright analyze ${first}\`; commands: ${names}`,
        )
      : new CliError(`unknown command "${first}"`, `the commands are: ${names} (see \`meshwright --help\`)`);
  }
  const args = parseArguments(rest, command.options, `meshwright ${command.name}`);
  if (args.flag(HELP_OPTION.name)) {
    environment.stdout.write(commandHelp(command));
    return EXIT_OK;
  }
  return command.run(args, environment);
}

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'meshwright: Istio configuration checks for multicluster meshes',
    '',
    'Usage: meshwright <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Options:',
    "  -h, --help     Show this help; `meshwright <command> --help` shows a command's options",
    '      --version  Print the version',
    '',
  ].join('\n');
}

function commandHelp(command: CommandDefinition): string {
  return [
    `Usage: meshwright ${command.usage}`,
    '',
    command.description,
    '',
    'Options:',
    formatOptionsHelp(command.options),
    '',
  ].join('\n');
}
