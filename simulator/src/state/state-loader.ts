/**
 * Reads a cluster's initial state from YAML (or JSON) files and directories, the way `kubectl get -o yaml`
 * writes it: multi-document files, `kind: List` wrappers, directories read recursively in name order.
 * Errors name the file and line, and say what to fix.
 */
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { isRecord, type KubeObject } from '../model/kube-object';

export interface LoadedObject {
  object: KubeObject;
  /** `file` or `file:line`, for error messages. */
  source: string;
}

export class StateLoadError extends Error {}

const STATE_FILE = /\.(ya?ml|json)$/i;

function stateFiles(target: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new StateLoadError(
      `${target}: no such file or directory; give a YAML file or a directory of YAML files`,
    );
  }
  if (stat.isFile()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(target, entry.name);
      if (entry.isDirectory()) return stateFiles(full);
      return STATE_FILE.test(entry.name) ? [full] : [];
    });
}

function asObject(value: unknown, source: string): KubeObject {
  if (!isRecord(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') {
    throw new StateLoadError(`${source}: not a Kubernetes object (apiVersion and kind are required)`);
  }
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  if (typeof metadata.name !== 'string' || metadata.name === '') {
    throw new StateLoadError(`${source}: ${value.kind} has no metadata.name`);
  }
  return value as KubeObject;
}

/** Objects of one YAML text; `file` is only used in messages. */
export function parseState(text: string, file: string): LoadedObject[] {
  const lineCounter = new YAML.LineCounter();
  const documents = YAML.parseAllDocuments(text, { lineCounter });
  const loaded: LoadedObject[] = [];
  for (const document of documents) {
    const [first] = document.errors;
    if (first) {
      const line = lineCounter.linePos(first.pos[0]).line;
      throw new StateLoadError(`${file}:${line}: invalid YAML: ${first.message.split('\n')[0] ?? ''}`);
    }
    const value: unknown = document.toJS();
    if (value === null || value === undefined) continue;
    const start = document.contents?.range?.[0] ?? 0;
    const source = `${file}:${lineCounter.linePos(start).line}`;
    if (
      isRecord(value) &&
      typeof value.kind === 'string' &&
      value.kind.endsWith('List') &&
      Array.isArray(value.items)
    ) {
      value.items.forEach((item, index) =>
        loaded.push({ object: asObject(item, `${source} (items[${index}])`), source }),
      );
    } else {
      loaded.push({ object: asObject(value, source), source });
    }
  }
  return loaded;
}

/** Every object in the given files and directories, in order. */
export function loadState(paths: readonly string[]): LoadedObject[] {
  return paths.flatMap(stateFiles).flatMap((file) => parseState(fs.readFileSync(file, 'utf8'), file));
}
