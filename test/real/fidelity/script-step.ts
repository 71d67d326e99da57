/**
 * One step of the fidelity script (a request as one identity, and what of its answer is compared) and
 * the memory a run keeps between steps: values an answer gives (resourceVersions, continue tokens) that
 * later requests use, per server.
 */
import { type KubeAnswer } from '../support/kube-rest';
import { type ScriptIdentity } from './api-targets';

export class ScriptMemory {
  private readonly values = new Map<string, string>();

  set(key: string, value: string): void {
    this.values.set(key, value);
  }

  get(key: string): string {
    const value = this.values.get(key);
    if (value === undefined) throw new Error(`the script has not kept "${key}" yet (a step before failed?)`);
    return value;
  }
}

type FromMemory<T> = T | ((memory: ScriptMemory) => T);

export interface FidelityStep {
  readonly name: string;
  readonly identity?: ScriptIdentity;
  readonly method?: string;
  readonly path: FromMemory<string>;
  readonly body?: FromMemory<unknown>;
  readonly contentType?: string;
  readonly accept?: string;
  readonly gzip?: boolean;
  /** Make every resourceVersion so far unreachable before the request. */
  readonly compactFirst?: boolean;
  /** Keeps values of the answer for later steps. */
  readonly remember?: (answer: KubeAnswer, memory: ScriptMemory) => void;
  /** What is compared; the whole normalised answer unless told otherwise. */
  readonly observe?: (answer: KubeAnswer, memory: ScriptMemory) => unknown;
}

export function resolve<T>(value: FromMemory<T>, memory: ScriptMemory): T {
  return typeof value === 'function' ? (value as (memory: ScriptMemory) => T)(memory) : value;
}
