/**
 * YAML documents that cost a parser exponential time or a stack overflow, a few hundred bytes each: the
 * shapes the parsing bounds (server/src/yaml/yaml-bounds.ts) exist for, shared by the unit, CLI and LSP tests.
 */

/** `<<` merge keys, each level merging four aliases of the one before: 4^12 copies to build. */
export function mergeKeyBomb(levels = 12): string {
  const lines = ['a: &a {x: 1}'];
  let previous = 'a';
  for (let level = 0; level < levels; level++) {
    const alias = `*${previous}`;
    lines.push(`b${level}: &b${level} {<<: [${alias}, ${alias}, ${alias}, ${alias}]}`);
    previous = `b${level}`;
  }
  return `${lines.join('\n')}\n`;
}

/** 800 explicit keys, each the key of the one before: `? ? ? ... x`. */
export function nestedComplexKeys(count = 800): string {
  return `${'? '.repeat(count)}x\n`;
}

/** 10,000 block sequences, each the only item of the one before: `- - - ... x`. */
export function nestedSequences(count = 10_000): string {
  return `${'- '.repeat(count)}x\n`;
}

export const HOSTILE_DOCUMENTS = [
  {
    shape: 'a merge-key bomb',
    text: mergeKeyBomb(),
    bound: /merge keys \(<<\) that would copy more than 10,000 nodes/,
  },
  {
    shape: '800 nested complex keys',
    text: nestedComplexKeys(),
    bound: /keys that are collections nested deeper than 16 levels/,
  },
  { shape: '10,000 nested sequences', text: nestedSequences(), bound: /nesting deeper than 256 levels/ },
] as const;
