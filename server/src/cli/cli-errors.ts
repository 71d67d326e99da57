/**
 * The one error the CLI shows as-is: bad usage or input it cannot read. It carries what went wrong and
 * how to fix it, and always ends in exit code 2. Anything else that escapes is a bug (see main.ts).
 */
import { EXIT_USAGE_OR_INPUT } from './exit-codes';

export class CliError extends Error {
  readonly exitCode = EXIT_USAGE_OR_INPUT;

  /** `problem` says what is wrong; `remedy` says what to do about it (both one short sentence). */
  constructor(
    readonly problem: string,
    readonly remedy: string,
  ) {
    super(`${problem}; ${remedy}`);
    this.name = 'CliError';
  }
}
