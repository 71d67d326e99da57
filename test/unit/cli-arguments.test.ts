import assert from 'node:assert/strict';
import { readAnalyzeOptions, ANALYZE_OPTION_SPECS } from '../../server/src/cli/analyze-options';
import { type OptionSpec, formatOptionsHelp, parseArguments } from '../../server/src/cli/cli-arguments';
import { CliError } from '../../server/src/cli/cli-errors';

const SPECS: readonly OptionSpec[] = [
  {
    name: 'format',
    type: 'string',
    valueName: 'FORMAT',
    choices: ['text', 'json'],
    description: 'Output format',
  },
  { name: 'cluster', type: 'string', multiple: true, valueName: 'NAME=PATH', description: 'A cluster' },
  { name: 'offline', type: 'boolean', description: 'Offline' },
  { name: 'help', short: 'h', type: 'boolean', description: 'Help' },
];

const parse = (...argv: string[]) => parseArguments(argv, SPECS, 'meshwright test');

/** Runs `action`, expecting a CliError, and returns its one-line message. */
function cliErrorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    assert.ok(error instanceof CliError, `expected a CliError, got ${String(error)}`);
    assert.equal(error.exitCode, 2);
    return error.message;
  }
  assert.fail('expected a CliError');
}

describe('cli arguments: parseArguments', () => {
  it('separates positionals from options, in any order', () => {
    const args = parse('a.yaml', '--format', 'json', 'dir', '--offline', '-');
    assert.deepEqual(args.positionals, ['a.yaml', 'dir', '-']);
    assert.equal(args.string('format'), 'json');
    assert.equal(args.flag('offline'), true);
    assert.equal(args.flag('help'), false);
  });

  it('accepts --name=value and short flags', () => {
    const args = parse('--format=json', '-h');
    assert.equal(args.string('format'), 'json');
    assert.equal(args.flag('help'), true);
  });

  it('lets the last occurrence of a single-valued option win', () => {
    assert.equal(parse('--format', 'json', '--format', 'text').string('format'), 'text');
  });

  it('keeps every occurrence of a repeatable option, in order', () => {
    const args = parse('--cluster', 'east=./east', '--cluster=west=./west');
    assert.deepEqual(args.strings('cluster'), ['east=./east', 'west=./west']);
  });

  it('treats everything after -- as paths', () => {
    assert.deepEqual(parse('--', '--format', '-x').positionals, ['--format', '-x']);
  });

  it('rejects an unknown option, suggesting a close one', () => {
    assert.equal(
      cliErrorOf(() => parse('--fromat', 'json')),
      'unknown option --fromat; did you mean --format? (see `meshwright test --help`)',
    );
    assert.equal(
      cliErrorOf(() => parse('--zzz')),
      'unknown option --zzz; see `meshwright test --help` for the options',
    );
  });

  it('rejects a value outside the choices, listing them', () => {
    assert.equal(
      cliErrorOf(() => parse('--format', 'xml')),
      'unknown --format value "xml"; use one of: text, json',
    );
  });

  it('rejects a missing value, and an option where a value should be', () => {
    for (const argv of [['--format'], ['--format='], ['--format', '--offline']]) {
      assert.match(
        cliErrorOf(() => parse(...argv)),
        /^--format needs a value; write --format text, json/,
      );
    }
    assert.match(
      cliErrorOf(() => parse('--cluster')),
      /^--cluster needs a value; write --cluster NAME=PATH/,
    );
  });

  it('rejects a value given to a flag', () => {
    assert.equal(
      cliErrorOf(() => parse('--offline=yes')),
      '--offline takes no value (got "yes"); write just --offline',
    );
  });
});

describe('cli arguments: formatOptionsHelp', () => {
  it('prints one aligned line per option with its placeholder', () => {
    assert.deepEqual(formatOptionsHelp(SPECS).split('\n'), [
      '      --format FORMAT      Output format',
      '      --cluster NAME=PATH  A cluster',
      '      --offline            Offline',
      '  -h, --help               Help',
    ]);
  });
});

describe('cli arguments: readAnalyzeOptions', () => {
  const read = (...argv: string[]) =>
    readAnalyzeOptions(parseArguments(argv, ANALYZE_OPTION_SPECS, 'meshwright analyze'));

  it('defaults to the current directory, text, --fail-on error and namespace default', () => {
    assert.deepEqual(read(), {
      paths: ['.'],
      format: 'text',
      failOn: 'error',
      requireComplete: false,
      defaultNamespace: 'default',
      clusters: [],
      meshConfig: undefined,
      meshNetworks: undefined,
      suppressions: [],
      live: undefined,
      render: true,
      renderHelm: false,
    });
  });

  it('reads every option', () => {
    assert.deepEqual(
      read(
        '--offline',
        'a',
        '-',
        '--format',
        'sarif',
        '--fail-on',
        'none',
        '--require-complete',
        '--namespace',
        'bookinfo',
        '--cluster',
        'east=clusters/east,extra/east.yaml',
        '--cluster=west=clusters/west',
        '--mesh-config',
        'mesh.yaml',
        '--mesh-networks',
        'networks.yaml',
        '--suppress',
        'IST0102=Namespace *',
        '--suppress',
        'IST01*=VirtualService *.bookinfo',
        '--no-render',
        '--enable-helm',
      ),
      {
        paths: ['a', '-'],
        format: 'sarif',
        failOn: 'none',
        requireComplete: true,
        defaultNamespace: 'bookinfo',
        clusters: [
          { name: 'east', paths: ['clusters/east', 'extra/east.yaml'] },
          { name: 'west', paths: ['clusters/west'] },
        ],
        meshConfig: 'mesh.yaml',
        meshNetworks: 'networks.yaml',
        suppressions: ['IST0102=Namespace *', 'IST01*=VirtualService *.bookinfo'],
        live: undefined,
        render: false,
        renderHelm: true,
      },
    );
  });

  it('reads --kubeconfig and --context as live analysis, which --offline contradicts', () => {
    assert.deepEqual(read('--kubeconfig', 'k.yaml', '--context', 'east', '--context', 'west').live, {
      kubeconfig: 'k.yaml',
      contexts: ['east', 'west'],
      timeoutMs: 15_000,
    });
    assert.deepEqual(read('--context', 'east', '--timeout', '2.5').live, {
      kubeconfig: undefined,
      contexts: ['east'],
      timeoutMs: 2_500,
    });
    assert.match(
      cliErrorOf(() => read('--offline', '--kubeconfig', 'k.yaml')),
      /--offline cannot be combined with --kubeconfig or --context; drop --offline/,
    );
  });

  it('takes --timeout only with live clusters, and only as a number of seconds', () => {
    assert.match(
      cliErrorOf(() => read('--timeout', '30')),
      /^--timeout applies to live clusters only; add --kubeconfig FILE or --context CONTEXT/,
    );
    assert.match(
      cliErrorOf(() => read('--kubeconfig', 'k.yaml', '--timeout', '5s')),
      /^--timeout "5s" is not a number of seconds; give a number between 1 and 3600/,
    );
  });

  it('rejects a --cluster that is not NAME=PATH[,PATH...], or a cluster given twice', () => {
    for (const bad of ['east', '=clusters/east', 'east=', 'east=a,,b', 'my cluster=a']) {
      assert.match(
        cliErrorOf(() => read('--cluster', bad)),
        /--cluster ".*" is not of the form NAME=PATH\[,PATH\.\.\.\]; name the cluster/,
        bad,
      );
    }
    assert.match(
      cliErrorOf(() => read('--cluster', 'east=-')),
      /--cluster east cannot read standard input/,
    );
    assert.match(
      cliErrorOf(() => read('--cluster', 'east=a', '--cluster', 'east=b')),
      /cluster "east" is given twice; list all of its paths in one --cluster east=PATH,PATH/,
    );
  });

  it('rejects a --suppress pattern that is not CODE=Kind name.namespace, before reading anything', () => {
    for (const bad of ['IST0102', 'IST0102=Namespace', '=Namespace default', 'IST0102 Namespace default']) {
      assert.match(
        cliErrorOf(() => read('--suppress', bad)),
        /--suppress ".*" is not of the form CODE=Kind name\.namespace; e\.g\. --suppress "IST0102=Namespace default"/,
        bad,
      );
    }
  });

  it('rejects standard input for the mesh config', () => {
    assert.match(
      cliErrorOf(() => read('--mesh-config', '-')),
      /--mesh-config cannot read standard input/,
    );
  });

  it('rejects a namespace that Kubernetes would reject', () => {
    for (const namespace of ['Bookinfo', 'book_info', '-bookinfo', 'a'.repeat(64)]) {
      assert.match(
        cliErrorOf(() => read(`--namespace=${namespace}`)),
        /is not a valid namespace name; use lower-case/,
      );
    }
    assert.equal(read('--namespace', 'a'.repeat(63)).defaultNamespace, 'a'.repeat(63));
  });

  it('rejects standard input given twice', () => {
    assert.equal(
      cliErrorOf(() => read('-', 'x', '-')),
      'standard input (-) is given more than once; give - at most once',
    );
  });
});
