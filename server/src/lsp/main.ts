/**
 * Entry point of `meshwright-language-server` (bundled to dist/server/server.js): answers --help and
 * --version, otherwise opens the transport named on the command line and starts the server.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { USAGE, packageVersion, parseCommandLine } from './command-line';
import { startLanguageServer } from './server';
import { StdioFramingMonitor } from './stdio-framing-monitor';

const command = parseCommandLine(process.argv.slice(2));
switch (command.action) {
  case 'help':
    process.stdout.write(USAGE);
    break;
  case 'version':
    process.stdout.write(`meshwright-language-server ${packageVersion()}\n`);
    break;
  case 'usage-error':
    process.stderr.write(`meshwright-language-server: ${command.message}\n\n${USAGE}`);
    process.exitCode = 2;
    break;
  case 'serve':
    if (process.argv.includes('--stdio')) watchStdioFraming();
    startLanguageServer(createConnection(ProposedFeatures.all));
    break;
}

/** Over stdio, stderr is the server's log in every editor: a corrupt stream is said there. */
function watchStdioFraming(): void {
  const monitor = new StdioFramingMonitor((problem) =>
    process.stderr.write(`meshwright-language-server: ${problem}\n`),
  );
  process.stdin.on('data', (chunk: Buffer) => monitor.accept(chunk));
}
