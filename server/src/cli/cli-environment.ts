/**
 * What a command may touch of the process: its streams, working directory and environment. Commands
 * receive it instead of reaching for `process`, so main.ts is the only place that knows the real one.
 */

export interface OutputStream {
  write(text: string): void;
  /** True when a person is watching (decides colour). */
  readonly isTTY: boolean;
}

export interface CliEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /**
   * Standard input as bytes, at most `maxBytes + 1` of them (more says "too large" without reading an
   * endless stream); decoding is the analysis input's job: it reports bad encodings. Rejects with a
   * CliError when standard input is a directory.
   */
  readStdin(maxBytes: number): Promise<Buffer>;
}

/** NO_COLOR (https://no-color.org) set to anything non-empty turns colour off; so does a non-terminal. */
export function colourEnabled(stream: OutputStream, env: CliEnvironment['env']): boolean {
  return stream.isTTY && !env.NO_COLOR;
}
