/**
 * Entry point of the `meshwright` command (bundled to dist/server/cli.js, started by bin/meshwright.js).
 * The only module that touches `process`: it builds the CLI environment, runs the command and sets the
 * exit code. A failure that is not a CliError is a bug: it is reported in one line (the stack trace only
 * with MESHWRIGHT_DEBUG=1), with exit code 2.
 */
import fs from 'node:fs';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';
import { EXIT_USAGE_OR_INPUT } from './exit-codes';
import { runCli } from './run-cli';

const environment: CliEnvironment = {
  cwd: process.cwd(),
  env: process.env,
  stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
  stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  readStdin: async (maxBytes) => {
    // A directory as standard input reads as empty, which would pass as "no problems".
    if (fs.fstatSync(0).isDirectory()) {
      throw new CliError('standard input is a directory', 'give the directory as a path instead of -');
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of process.stdin) {
      const bytes = Buffer.from(chunk as Uint8Array);
      chunks.push(bytes);
      total += bytes.length;
      if (total > maxBytes) break; // leaving the loop ends the read: an endless producer is not drained
    }
    return Buffer.concat(chunks);
  },
};

// Node prints process warnings (a library's YAMLWarning, MaxListenersExceededWarning) on stderr, which
// JSON and SARIF runs promise to keep clean and which say nothing a user can act on: debug output only.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (process.env.MESHWRIGHT_DEBUG)
    process.stderr.write(`meshwright: debug: ${warning.name}: ${warning.message}\n`);
});

// `meshwright analyze . | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

runCli(process.argv.slice(2), environment).then(
  (exitCode) => {
    // exitCode, not exit(): pending writes to a pipe still flush before the process ends.
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    const detail =
      error instanceof Error ? (process.env.MESHWRIGHT_DEBUG ? error.stack : error.message) : String(error);
    process.stderr.write(
      `meshwright: internal error: ${detail}\n` +
        'This is a bug in Meshwright; please report it with the command you ran (MESHWRIGHT_DEBUG=1 shows the stack trace).\n',
    );
    process.exitCode = EXIT_USAGE_OR_INPUT;
  },
);
