/** RFC 6902 JSON patch (`application/json-patch+json`): add, remove, replace, move, copy and test. */
import { cloneJson, deepEqual, isRecord } from '../model/kube-object';

export class PatchError extends Error {}

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

function tokens(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new PatchError(`invalid JSON pointer ${JSON.stringify(pointer)}`);
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function parentOf(document: unknown, pointer: string): { parent: unknown; last: string } {
  const parts = tokens(pointer);
  const last = parts.pop();
  if (last === undefined) throw new PatchError('the whole document cannot be patched');
  let parent = document;
  for (const part of parts) {
    parent = Array.isArray(parent) ? parent[Number(part)] : isRecord(parent) ? parent[part] : undefined;
    if (parent === undefined) throw new PatchError(`doc is missing path: "${pointer}"`);
  }
  return { parent, last };
}

function read(document: unknown, pointer: string): unknown {
  let node = document;
  for (const part of tokens(pointer)) {
    node = Array.isArray(node) ? node[Number(part)] : isRecord(node) ? node[part] : undefined;
    if (node === undefined) throw new PatchError(`doc is missing path: "${pointer}"`);
  }
  return node;
}

function add(document: unknown, pointer: string, value: unknown): void {
  const { parent, last } = parentOf(document, pointer);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length)
      throw new PatchError(`add operation index out of bounds: ${pointer}`);
    parent.splice(index, 0, value);
  } else if (isRecord(parent)) {
    parent[last] = value;
  } else {
    throw new PatchError(`doc is missing path: "${pointer}"`);
  }
}

function remove(document: unknown, pointer: string): unknown {
  const { parent, last } = parentOf(document, pointer);
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!(index >= 0 && index < parent.length))
      throw new PatchError(`remove operation does not apply: doc is missing path: "${pointer}"`);
    return parent.splice(index, 1)[0];
  }
  if (isRecord(parent) && last in parent) {
    const value = parent[last];
    delete parent[last];
    return value;
  }
  throw new PatchError(`remove operation does not apply: doc is missing path: "${pointer}"`);
}

export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw new PatchError('a JSON patch must be a list of operations');
  const document = { root: cloneJson(target) };
  const at = (pointer: string): string => `/root${pointer}`;
  for (const raw of operations as Operation[]) {
    if (!isRecord(raw) || typeof raw.path !== 'string')
      throw new PatchError('each JSON patch operation needs "op" and "path"');
    switch (raw.op) {
      case 'add':
        add(document, at(raw.path), cloneJson(raw.value));
        break;
      case 'remove':
        remove(document, at(raw.path));
        break;
      case 'replace':
        remove(document, at(raw.path));
        add(document, at(raw.path), cloneJson(raw.value));
        break;
      case 'move':
        add(document, at(raw.path), remove(document, at(String(raw.from))));
        break;
      case 'copy':
        add(document, at(raw.path), cloneJson(read(document, at(String(raw.from)))));
        break;
      case 'test':
        if (!deepEqual(read(document, at(raw.path)), raw.value)) {
          throw new PatchError(`testing value ${raw.path} failed: test failed`);
        }
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String(raw.op)}`);
    }
  }
  return document.root;
}
