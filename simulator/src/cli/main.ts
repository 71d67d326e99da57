/**
 * `meshwright-sim`: starts the simulator from the command line, prints one line per cluster and then a
 * line containing `ready`, and stops cleanly on Ctrl-C or SIGTERM. Never prints tokens.
 */
import { generateMesh } from '../generator/mesh-generator';
import { startSimulator } from '../simulator';
import { parseSimArguments, USAGE, UsageError } from './sim-arguments';

async function main(argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseSimArguments(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`meshwright-sim: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const options = parsed.options;
  if (parsed.generate)
    options.clusters = [...(options.clusters ?? []), ...generateMesh(parsed.generate).clusters];
  let simulator;
  try {
    simulator = await startSimulator(options);
  } catch (error) {
    process.stderr.write(`meshwright-sim: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  for (const cluster of simulator.clusters) {
    process.stdout.write(
      `meshwright-sim: cluster ${cluster.name} at ${cluster.url} (${cluster.objects().length} objects)\n`,
    );
  }
  process.stdout.write(
    `meshwright-sim ready: ${simulator.clusters.length} clusters (${simulator.clusters.map((cluster) => cluster.name).join(', ')}); kubeconfig ${simulator.kubeconfigPath ?? '-'}; control ${simulator.controlUrl}\n`,
  );
  const running = simulator;
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string): void => {
      process.stdout.write(`meshwright-sim: ${signal}, stopping\n`);
      running.stop().then(resolve, (error: unknown) => {
        process.stderr.write(`meshwright-sim: error while stopping: ${String(error)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
  process.stdout.write('meshwright-sim stopped\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `meshwright-sim: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
