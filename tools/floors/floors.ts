/**
 * The floors of the code and which may import which: each folder is a floor, imports go down only.
 * `check-floors.ts` runs this table over the sources in `npm run lint`; a wrong import fails the test
 * command with the file, the import and the floors it may use. The table is the architecture in one
 * place: docs/architecture.md draws it.
 *
 * An import is placed on the floor of the deepest folder listed here that holds its resolved path;
 * packages (no leading `.`) are not floors. Folders not listed (tests, benches, tools) may import anything.
 */
import path from 'node:path';

export interface Floor {
  /** Repository-relative folder. */
  readonly folder: string;
  /** What it is for, as a newcomer reads it. */
  readonly role: string;
  /** The floors (folders) it may import besides itself. */
  readonly mayImport: readonly string[];
}

const GROUND = ['server/src/text', 'protocol'];
const DOMAIN = ['server/src/mesh', ...GROUND];
const DOCUMENTS = ['server/src/yaml', ...DOMAIN];
const KUBE_API = 'server/src/topology/kube-api';
/** What views and apply build on: the checks and the clusters, and everything under them. */
const ENGINE = ['server/src/analysis', 'server/src/topology', 'server/src/render', ...DOCUMENTS];

export const FLOORS: readonly Floor[] = [
  {
    folder: 'protocol',
    role: 'what server, client and webview agree on: messages, kinds, YAML documents',
    mayImport: [],
  },
  { folder: 'server/src/text', role: 'text utilities: names, lists, YAML nesting', mayImport: [] },
  {
    folder: 'server/src/mesh',
    role: 'the domain: objects, snapshot, cluster facts, diagnostics, codes',
    mayImport: GROUND,
  },
  { folder: 'server/src/yaml', role: 'text to positioned resources, schemas', mayImport: DOMAIN },
  { folder: KUBE_API, role: 'the Kubernetes API client: transports, credentials, limits', mayImport: DOMAIN },
  {
    folder: 'server/src/topology',
    role: 'clusters to snapshots: discovery, watches, health',
    mayImport: [KUBE_API, ...DOCUMENTS],
  },
  {
    folder: 'server/src/analysis',
    role: 'pure checks: (documents, snapshot) to diagnostics',
    mayImport: DOCUMENTS,
  },
  {
    folder: 'server/src/render',
    role: 'GitOps sources to the objects a cluster receives: Kustomize rendering, provenance',
    mayImport: DOCUMENTS,
  },
  {
    folder: 'server/src/views',
    role: 'what the sidebar, Policies view and map show, built from analysis and topology',
    mayImport: ENGINE,
  },
  {
    folder: 'server/src/apply',
    role: 'server-side apply: plans, dry runs, writes',
    mayImport: [KUBE_API, ...ENGINE],
  },
  {
    folder: 'server/src/lsp',
    role: 'the language server shell',
    mayImport: ['server/src/apply', 'server/src/views', KUBE_API, ...ENGINE],
  },
  {
    folder: 'server/src/cli',
    role: 'the meshwright command line shell',
    mayImport: ['server/src/views', KUBE_API, ...ENGINE],
  },
  { folder: 'client/src', role: 'the VS Code extension', mayImport: ['protocol'] },
  { folder: 'webview', role: 'the mesh map page', mayImport: ['protocol'] },
  {
    folder: 'simulator/src',
    role: 'meshwright-sim, a Kubernetes API server for tests and the demo',
    mayImport: [],
  },
];

export interface SourceFile {
  /** Repository-relative, `/`-separated. */
  readonly path: string;
  readonly text: string;
}

export interface FloorViolation {
  readonly file: string;
  readonly specifier: string;
  readonly message: string;
}

/** The floor a repository-relative path is on (the deepest listed folder holding it), if any. */
export function floorOf(file: string): Floor | undefined {
  let found: Floor | undefined;
  for (const floor of FLOORS) {
    if (file === floor.folder || file.startsWith(`${floor.folder}/`)) {
      if (!found || floor.folder.length > found.folder.length) found = floor;
    }
  }
  return found;
}

const IMPORT = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** Every relative import of a file, resolved to a repository-relative path. */
export function relativeImports(file: SourceFile): { specifier: string; target: string }[] {
  const found: { specifier: string; target: string }[] = [];
  for (const match of file.text.matchAll(IMPORT)) {
    const specifier = match[1] as string;
    found.push({
      specifier,
      target: path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier)),
    });
  }
  return found;
}

/** Imports that go up or sideways, and cycles between floors. */
export function checkFloors(files: readonly SourceFile[]): FloorViolation[] {
  const violations: FloorViolation[] = [];
  const edges = new Map<string, Set<string>>();
  for (const file of files) {
    const own = floorOf(file.path);
    if (!own) continue;
    for (const { specifier, target } of relativeImports(file)) {
      const other = floorOf(target);
      if (!other || other === own) continue;
      let targets = edges.get(own.folder);
      if (!targets) edges.set(own.folder, (targets = new Set()));
      targets.add(other.folder);
      if (!own.mayImport.includes(other.folder)) {
        violations.push({
          file: file.path,
          specifier,
          message: `${own.folder} (${own.role}) may not import ${other.folder}; it may import ${own.mayImport.length > 0 ? own.mayImport.join(', ') : 'only packages and itself'}`,
        });
      }
    }
  }
  for (const cycle of floorCycles(edges)) {
    violations.push({
      file: cycle[0] as string,
      specifier: '',
      message: `floors import each other: ${cycle.join(' -> ')}`,
    });
  }
  return violations;
}

/** Cycles in the floor graph (the table forbids them; this catches a table that allows one). */
function floorCycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (floor: string): void => {
    state.set(floor, 'open');
    stack.push(floor);
    for (const next of edges.get(floor) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(floor, 'done');
  };
  for (const floor of edges.keys()) if (!state.has(floor)) visit(floor);
  return cycles;
}
