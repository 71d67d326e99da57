/**
 * The command line of `meshwright-language-server`: which transport to serve on, or --help/--version.
 * The transport flags themselves are read by vscode-languageserver's createConnection; this module only
 * checks that one is there, so a bare invocation explains itself instead of throwing a stack trace.
 */
import fs from 'node:fs';
import path from 'node:path';

export type CommandLine =
  | { readonly action: 'serve' }
  | { readonly action: 'help' }
  | { readonly action: 'version' }
  | { readonly action: 'usage-error'; readonly message: string };

export const USAGE = `Usage: meshwright-language-server <transport>

The Meshwright language server: Istio diagnostics (schemas, references across the workspace's files,
the istioctl analyze catalogue), completion, hover and document symbols for YAML files, for any editor
that speaks the Language Server Protocol.

Transports (pick one):
  --stdio            talk JSON-RPC over stdin/stdout (what most editors use)
  --node-ipc         talk over the Node.js IPC channel (the process must be forked with IPC)
  --socket=<port>    connect to a socket the client listens on
  --pipe=<name>      connect to a named pipe the client listens on

Other options:
  --clientProcessId=<pid>  exit when that process ends
  --version          print the version and exit
  --help             print this help and exit

Settings are read from the editor under "meshwright" (see docs/editors.md):
  meshwright.validation.enable   true|false   validate Istio documents (default true)
  meshwright.suppress            ["CODE=Kind name.namespace", ...]   findings to hide
  meshwright.clusters            {"east": ["clusters/east"], ...}    offline cluster states
  meshwright.meshConfig          "mesh/istio.yaml"                   the MeshConfig file
`;

const TRANSPORT = /^--(?:stdio|node-ipc|socket(?:=\d+)?|pipe(?:=.+)?)$/;

export function parseCommandLine(args: readonly string[]): CommandLine {
  if (args.includes('--help') || args.includes('-h')) return { action: 'help' };
  if (args.includes('--version') || args.includes('-v')) return { action: 'version' };
  if (args.some((arg) => TRANSPORT.test(arg))) return { action: 'serve' };
  return {
    action: 'usage-error',
    message:
      args.length === 0
        ? 'no transport given: start it as `meshwright-language-server --stdio` (your editor does this for you)'
        : `no transport among the arguments (${args.join(' ')}): add --stdio, --node-ipc or --socket=<port>`,
  };
}

/** The package version, read from the package.json above this file (sources or bundle alike). */
export function packageVersion(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === 'meshwright' && manifest.version) return manifest.version;
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return 'unknown';
    dir = parent;
  }
}
