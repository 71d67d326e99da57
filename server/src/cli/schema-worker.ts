/**
 * A schema-check worker thread of the CLI (bundled to dist/server/schema-worker.js, see
 * schema-validation.ts): claims chunks of work items through the shared counter, validates them with its
 * own SchemaLanguageService and posts the results of each chunk, until no item is left.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SchemaLanguageService } from '../yaml/schema-language-service';
import { type SchemaWorkerInput, type SchemaWorkerMessage } from './schema-validation';

async function work(input: SchemaWorkerInput): Promise<void> {
  const counter = new Int32Array(input.next);
  let service: SchemaLanguageService | undefined;
  for (;;) {
    const start = Atomics.add(counter, 0, input.chunk);
    if (start >= input.items.length) break;
    // The items are the documents the compiled check rejected on the main thread: no point asking it again.
    service ??= new SchemaLanguageService({ fastValidityChecks: false });
    const done: [number, Awaited<ReturnType<SchemaLanguageService['validateSegment']>>][] = [];
    for (let index = start; index < Math.min(start + input.chunk, input.items.length); index++) {
      const item = input.items[index];
      if (item) done.push([index, await service.validateSegment(item.uri, item.segment)]);
    }
    post({ done });
  }
  post({ finished: true });
}

function post(message: SchemaWorkerMessage): void {
  parentPort?.postMessage(message);
}

void work(workerData as SchemaWorkerInput);
