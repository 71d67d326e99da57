/**
 * Entry point of the `meshwright` command (bundled to dist/server/cli.js, started by bin/meshwright.js).
 * The only module that touches `process`: it builds the CLI environment, runs the command and sets the
 * exit code. A failure that is not a CliError is a bug: it is reported in one line (the stack trace only
 * with MESHWRIGHT_DEBUG=1), with exit code 2.
 */
import { type CliEnvironment } from './cli-environment';
import { EXIT_USAGE_OR_INPUT } from './exit-codes';
import { runCli } from './run-cli';

const environment: CliEnvironment = {
  cwd: process.cwd(),
  env: process.env,
  stdout: { write: (text) => void process.stdout.write(text), isTTY: process.stdout.isTTY === true },
  stderr: { write: (text) => void process.stderr.write(text), isTTY: process.stderr.isTTY === true },
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  },
};

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
