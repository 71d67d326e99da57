/**
 * `npm run bench` runs every benchmark module in bench/ (files named `<name>.bench.ts`);
 * `npm run bench -- <name> [<name>...]` runs only those; `npm run bench -- --list` lists them.
 * Adding a benchmark = adding a `<name>.bench.ts` that exports `name`, `description` and `run()`
 * (see benchmark.ts). Figures only: nothing here fails on a number.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type BenchmarkModule } from './benchmark';

async function loadBenchmarks(): Promise<BenchmarkModule[]> {
  const files = fs
    .readdirSync(__dirname)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const modules: BenchmarkModule[] = [];
  for (const file of files) {
    const loaded = (await import(path.join(__dirname, file))) as Partial<BenchmarkModule>;
    if (typeof loaded.name !== 'string' || typeof loaded.run !== 'function') {
      throw new Error(`bench/${file} must export \`name\` (string) and \`run()\`; see bench/benchmark.ts`);
    }
    modules.push({ name: loaded.name, description: loaded.description ?? '', run: loaded.run });
  }
  return modules;
}

async function main(args: readonly string[]): Promise<number> {
  const benchmarks = await loadBenchmarks();
  if (args.includes('--list')) {
    for (const benchmark of benchmarks) console.log(`${benchmark.name.padEnd(20)} ${benchmark.description}`);
    return 0;
  }
  const unknown = args.filter((name) => !benchmarks.some((benchmark) => benchmark.name === name));
  if (unknown.length > 0) {
    console.error(
      `unknown benchmark(s): ${unknown.join(', ')}; available: ${benchmarks.map((b) => b.name).join(', ')}`,
    );
    return 2;
  }
  const selected =
    args.length > 0 ? benchmarks.filter((benchmark) => args.includes(benchmark.name)) : benchmarks;
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  for (const benchmark of selected) {
    console.log(`\n=== ${benchmark.name}: ${benchmark.description}`);
    await benchmark.run();
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
