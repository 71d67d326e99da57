/**
 * The schema checks of the authored documents for one CLI run. Each Istio document (a segment, see
 * SchemaLanguageService.validateSegment) is one work item. First, on this thread, the compiled validity
 * check (yaml/schema-validity.ts) settles the documents that certainly have no schema diagnostic, which
 * is most of them and costs a fraction of a millisecond each; their plain values are then read once for
 * the analysis too. The rest go to yaml-language-server. When many are left, they are shared with worker
 * threads through a counter in shared memory: each thread claims the next few items, so the workers validate
 * while this thread runs the analysis engine, and this thread joins them when it is done. Results do not
 * depend on who validated what: the same function runs on the same segment text everywhere, and the
 * items are put back in input order. A worker that fails leaves its items to this thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { SchemaCatalog } from '../yaml/schema-catalog';
import { SchemaLanguageService, schemaCheckedSegments } from '../yaml/schema-language-service';
import { SchemaValidity } from '../yaml/schema-validity';
import { type YamlSegment } from '../../../protocol/yaml-documents';

export interface SchemaWorkItem {
  readonly uri: string;
  readonly segment: YamlSegment;
}

/** What the main thread hands a worker (workerData). */
export interface SchemaWorkerInput {
  readonly items: readonly SchemaWorkItem[];
  /** Int32Array[1] over this buffer: the index of the next unclaimed item. */
  readonly next: SharedArrayBuffer;
  readonly chunk: number;
}

/** Messages from a worker: results of a chunk, or the end of its work. */
export type SchemaWorkerMessage =
  { readonly done: readonly (readonly [number, MeshDiagnostic[]])[] } | { readonly finished: true };

export interface SchemaValidation {
  /** Validates the items nobody took yet, waits for the workers, returns the diagnostics per source. */
  finish(): Promise<MeshDiagnostic[][]>;
  /** Who validated what (known after finish): for MESHWRIGHT_DEBUG and the tests. */
  stats(): SchemaValidationStats;
  /** Stops the workers (the run failed elsewhere). */
  cancel(): Promise<void>;
}

export interface SchemaValidationStats {
  readonly documents: number;
  /** Documents the compiled check found valid on the calling thread (never seen by yaml-language-server). */
  readonly certainlyValid: number;
  readonly workers: number;
  /** Documents the worker threads validated; the rest were validated on the calling thread. */
  readonly byWorkers: number;
}

export interface SchemaValidationOptions {
  readonly service?: SchemaLanguageService;
  /** Worker threads; default: none for small inputs, else one per spare CPU (at most 3). */
  readonly workers?: number;
}

/**
 * Below this many documents (left after the compiled check) per worker, starting one (~150 ms of CPU)
 * does not pay for itself: yaml-language-server takes 1-3 ms per document.
 */
const DOCUMENTS_PER_WORKER = 150;
const MAX_WORKERS = 3;
/** Items claimed at once: small enough to balance the threads, large enough to keep messages few. */
const CHUNK = 8;
const YOUNG_GENERATION_MB = 192;

export function startSchemaValidation(
  sources: readonly { readonly uri: string; readonly text: string }[],
  options: SchemaValidationOptions = {},
): SchemaValidation {
  const validity = new SchemaValidity(options.service?.catalog ?? SchemaCatalog.load());
  const items: SchemaWorkItem[] = [];
  const owners: number[] = [];
  let documents = 0;
  sources.forEach((source, index) => {
    for (const segment of schemaCheckedSegments(source.text)) {
      documents++;
      if (validity.certainlyValid(segment.text)) continue;
      items.push({ uri: source.uri, segment });
      owners.push(index);
    }
  });
  const results: (MeshDiagnostic[] | undefined)[] = new Array<MeshDiagnostic[] | undefined>(items.length);
  const next = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const counter = new Int32Array(next);
  const workers = startWorkers(
    options.workers ?? defaultWorkerCount(items.length),
    { items, next, chunk: CHUNK },
    results,
  );
  let byWorkers = 0;

  return {
    async finish() {
      // Created on first use: when the workers took every item, this thread never loads the schemas.
      let service = options.service;
      let validatedHere = 0;
      const validate = async (index: number): Promise<void> => {
        const item = items[index] as SchemaWorkItem;
        // The compiled check already rejected these documents: no point asking it again.
        service ??= new SchemaLanguageService({ fastValidityChecks: false });
        results[index] = await service.validateSegment(item.uri, item.segment);
        validatedHere++;
      };
      for (
        let start = Atomics.add(counter, 0, CHUNK);
        start < items.length;
        start = Atomics.add(counter, 0, CHUNK)
      ) {
        for (let index = start; index < Math.min(start + CHUNK, items.length); index++) await validate(index);
      }
      await Promise.all(workers.map((worker) => worker.ended));
      byWorkers = results.filter((found) => found !== undefined).length - validatedHere;
      // Items a failed worker had claimed but not delivered.
      for (let index = 0; index < items.length; index++) if (!results[index]) await validate(index);
      const bySource = sources.map((): MeshDiagnostic[] => []);
      results.forEach((found, index) => bySource[owners[index] as number]?.push(...(found ?? [])));
      return bySource;
    },
    stats: () => ({
      documents,
      certainlyValid: documents - items.length,
      workers: workers.length,
      byWorkers,
    }),
    async cancel() {
      await Promise.all(workers.map((worker) => worker.thread.terminate()));
    },
  };
}

function defaultWorkerCount(items: number): number {
  const spareCpus = os.availableParallelism() - 1;
  return Math.max(0, Math.min(spareCpus, MAX_WORKERS, Math.floor(items / DOCUMENTS_PER_WORKER)));
}

/** `MESHWRIGHT_SCHEMA_WORKERS=N` (0: none) overrides the default; anything else is ignored. */
export function schemaWorkersFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): number | undefined {
  const requested = Number(env.MESHWRIGHT_SCHEMA_WORKERS);
  return env.MESHWRIGHT_SCHEMA_WORKERS && Number.isInteger(requested) && requested >= 0
    ? requested
    : undefined;
}

interface RunningWorker {
  readonly thread: Worker;
  /** Resolves when the worker is gone, whether it finished or failed. */
  readonly ended: Promise<void>;
}

function startWorkers(
  count: number,
  input: SchemaWorkerInput,
  results: (MeshDiagnostic[] | undefined)[],
): RunningWorker[] {
  const entry = count > 0 ? workerEntry() : undefined;
  if (!entry) return [];
  return Array.from({ length: count }, () => {
    const thread = new Worker(entry.file, {
      workerData: { ...input, bundle: entry.bundle },
      // A roomier young generation: parsing documents makes much short-lived garbage, and fewer
      // scavenges cut the worker's garbage collection time by about a third.
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    const ended = new Promise<void>((resolve) => {
      thread.on('message', (message: SchemaWorkerMessage) => {
        if ('done' in message) for (const [index, found] of message.done) results[index] = found;
      });
      // A failure is not fatal: finish() validates whatever the worker did not deliver.
      thread.on('error', () => resolve());
      thread.on('exit', () => resolve());
    });
    return { thread, ended };
  });
}

/**
 * The worker's script, only when running from the bundles (dist/server/cli.js next to
 * schema-worker.js): started through bin/require-bundle.js, it loads from the V8 code cache like the CLI.
 * From the sources (tests under tsx) there is no worker bundle: everything is validated on this thread.
 */
function workerEntry(): { readonly file: string; readonly bundle: string } | undefined {
  const bundle = path.join(__dirname, 'schema-worker.js');
  if (!fs.existsSync(bundle)) return undefined;
  const loader = path.join(__dirname, '..', '..', 'bin', 'require-bundle.js');
  return fs.existsSync(loader) ? { file: loader, bundle: 'schema-worker.js' } : { file: bundle, bundle: '' };
}
