/**
 * Entry point of `meshwright-language-server` (bundled to dist/server/server.js): answers --help and
 * --version, otherwise opens the transport named on the command line and starts the server.
 */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { USAGE, packageVersion, parseCommandLine } from './command-line';
import { startLanguageServer } from './server';

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
    startLanguageServer(createConnection(ProposedFeatures.all));
    break;
}
