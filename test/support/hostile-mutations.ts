/**
 * Seeded mutations of YAML fixtures for the hostile-input fuzz suites: byte flips, truncations and type
 * swaps (a value replaced by one of another type, `metadata.labels` and `annotations` included). Seeded so
 * a failure names the seed and the mutant can be made again; MESHWRIGHT_FUZZ_SEED picks another run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, isPair, isScalar, isSeq, visit, type Document } from 'yaml';

export const FUZZ_SEED = Number(process.env.MESHWRIGHT_FUZZ_SEED ?? 20261207);

/** mulberry32: small, fast and the same everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type MutationKind = 'byte-flip' | 'truncation' | 'type-swap' | 'metadata-swap';
export const MUTATION_KINDS: readonly MutationKind[] = [
  'byte-flip',
  'truncation',
  'type-swap',
  'metadata-swap',
];

/** Values of every YAML type, to put where something else was. */
const REPLACEMENTS: readonly unknown[] = [
  'x',
  7,
  -1.5,
  true,
  null,
  [],
  {},
  ['a', 1],
  { a: 1, b: ['c'] },
  '*',
];

export function mutate(text: string, kind: MutationKind, random: () => number): string {
  switch (kind) {
    case 'byte-flip':
      return flipBytes(text, random);
    case 'truncation':
      return text.slice(0, Math.floor(random() * text.length));
    case 'type-swap':
      return swapTypes(text, random, () => true);
    case 'metadata-swap':
      return swapTypes(text, random, (path) => path.includes('metadata') || path.includes('selector'));
  }
}

function flipBytes(text: string, random: () => number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length === 0) return text;
  const flips = 1 + Math.floor(random() * 4);
  for (let i = 0; i < flips; i++) {
    const at = Math.floor(random() * bytes.length);
    bytes[at] = (bytes[at] ?? 0) ^ (1 << Math.floor(random() * 8));
  }
  // Invalid UTF-8 becomes U+FFFD, as an editor shows it; the CLI suite feeds raw bytes.
  return bytes.toString('utf8');
}

/** Replaces one or two values (of the paths `eligible` accepts) by values of other types. */
function swapTypes(
  text: string,
  random: () => number,
  eligible: (path: readonly string[]) => boolean,
): string {
  let documents: Document[];
  try {
    documents = parseAllDocuments(text) as Document[];
  } catch {
    return text;
  }
  if (!Array.isArray(documents) || documents.some((document) => document.errors.length > 0)) return text;
  const sites: { document: Document; path: unknown[] }[] = [];
  for (const document of documents) {
    visit(document, {
      Pair(_, pair, ancestry) {
        if (!isScalar(pair.key)) return;
        const path = [...pathOf(ancestry), pair.key.value];
        if (eligible(path.map(String))) sites.push({ document, path });
      },
    });
  }
  if (sites.length === 0) return text;
  const swaps = 1 + Math.floor(random() * 2);
  for (let i = 0; i < swaps; i++) {
    const site = sites[Math.floor(random() * sites.length)]!;
    const replacement = REPLACEMENTS[Math.floor(random() * REPLACEMENTS.length)];
    try {
      site.document.setIn(site.path, site.document.createNode(replacement));
    } catch {
      // A pair held directly by a sequence (`[a: 1]`) has no path setIn can follow: leave it.
    }
  }
  try {
    return documents.map((document) => document.toString()).join('');
  } catch {
    // The swap replaced an anchored node that an alias still names: the yaml library cannot write that
    // document, so this mutant is the text unchanged.
    return text;
  }
}

/** The keys and indexes from the document's root to a pair, as `Document.setIn` takes them. */
function pathOf(ancestry: readonly unknown[]): unknown[] {
  const path: unknown[] = [];
  ancestry.forEach((node, index) => {
    const child = ancestry[index + 1];
    if (isPair(node) && isScalar(node.key)) path.push(node.key.value);
    else if (isSeq(node) && child !== undefined) path.push(node.items.indexOf(child as never));
  });
  return path;
}

/** A document with one known schema finding (IST0106 on the weight): it must be reported whatever else a run holds. */
export const SCHEMA_SENTINEL = [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: sentinel, namespace: sentinel}',
  'spec:',
  '  hosts: [sentinel.example.com]',
  '  http:',
  '    - route:',
  '        - destination: {host: sentinel.example.com}',
  '          weight: fifty',
  '',
].join('\n');

/** Every `.yaml` file under `directory`, in a stable order: the corpus mutants are drawn from. */
export function yamlFilesUnder(directory: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    const entries = fs
      .readdirSync(current, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.yaml')) found.push(full);
    }
  };
  walk(directory);
  return found;
}
