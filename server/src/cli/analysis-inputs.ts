/**
 * Reads everything `meshwright analyze` analyzes: the documents (PATHS), each `--cluster` cluster's files
 * and the `--mesh-config` / `--mesh-networks` files, decoded to text. A file that is not text becomes a
 * MESH001 diagnostic (see source-decoding.ts) instead of an input, as does one left unread (input-files.ts); a path that cannot be read is a usage
 * error (exit 2), never a partial report. A file that belongs to a cluster, or is the mesh config, is the
 * cluster's state, not a document being authored: a directory walk of PATHS skips it.
 */
import path from 'node:path';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { type ReportedFile } from './analysis-report';
import { type AnalysisInput, type SourceDocument } from './analysis-pipeline';
import { type AnalyzeOptions } from './analyze-options';
import { type CliEnvironment } from './cli-environment';
import { CliError } from './cli-errors';
import { type InputFile, collectInputFiles, readInputFile } from './input-files';
import { decodeSource, problemAt } from './source-decoding';

export interface ReadInputs {
  readonly input: AnalysisInput;
  /** Every file read, in report order: documents, then each cluster's files, then mesh settings. */
  readonly files: readonly ReportedFile[];
  /** How many documents (PATHS) were found; a run with none says so. */
  readonly documentCount: number;
  /** PATHS files left out of the documents because a --cluster (or mesh settings) path also reads them. */
  readonly stateFilesGivenAsDocuments: number;
  /** Files that are not text, or not read (not regular files, too large, names that are not UTF-8). */
  readonly undecodable: readonly MeshDiagnostic[];
}

export async function readAnalysisInputs(
  options: AnalyzeOptions,
  environment: CliEnvironment,
): Promise<ReadInputs> {
  const clusterFiles = await Promise.all(
    options.clusters.map(async (cluster) => ({
      name: cluster.name,
      files: await withContext(`--cluster ${cluster.name}`, () =>
        collectInputFiles(cluster.paths, environment.cwd),
      ),
    })),
  );
  const meshConfig = options.meshConfig
    ? await singleFile('--mesh-config', options.meshConfig, environment)
    : undefined;
  const meshNetworks = options.meshNetworks
    ? await singleFile('--mesh-networks', options.meshNetworks, environment)
    : undefined;

  const stateFiles = new Set<string>();
  for (const file of [...clusterFiles.flatMap((cluster) => cluster.files), meshConfig, meshNetworks]) {
    if (file?.realPath) stateFiles.add(file.realPath);
  }
  // A file that is cluster state is that cluster's object, not also a document being authored (which
  // would make it a second copy of itself); `analyze --cluster east=. .` is the usual way to get there.
  const givenFiles = await collectInputFiles(options.paths, environment.cwd);
  const documentFiles = givenFiles.filter((file) => !file.realPath || !stateFiles.has(file.realPath));

  const undecodable: MeshDiagnostic[] = [];
  const decode = async (file: InputFile, cluster: string | null): Promise<SourceDocument | undefined> => {
    const read = await readInputFile(file, environment);
    if ('skipped' in read) {
      undecodable.push({ ...problemAt(file.uri, { line: 0, character: 0 }, read.skipped).problem, cluster });
      return undefined;
    }
    const decoded = decodeSource(read.bytes, file.uri);
    if ('text' in decoded) return { uri: file.uri, text: decoded.text };
    undecodable.push({ ...decoded.problem, cluster });
    return undefined;
  };
  const decodeAll = async (files: readonly InputFile[], cluster: string | null): Promise<SourceDocument[]> =>
    (await Promise.all(files.map((file) => decode(file, cluster)))).filter(
      (source): source is SourceDocument => source !== undefined,
    );

  const documents = await decodeAll(documentFiles, null);
  const clusters = await Promise.all(
    clusterFiles.map(async (cluster) => ({
      name: cluster.name,
      files: await decodeAll(cluster.files, cluster.name),
    })),
  );
  const meshConfigSource = meshConfig ? await decode(meshConfig, null) : undefined;
  const meshNetworksSource = meshNetworks ? await decode(meshNetworks, null) : undefined;

  // A mesh config file named twice (--mesh-config and --mesh-networks: the istio ConfigMap holds both) is shown once.
  const reported = new Map<string, ReportedFile>();
  for (const file of [
    ...documentFiles,
    ...clusterFiles.flatMap((cluster) => cluster.files),
    ...(meshConfig ? [meshConfig] : []),
    ...(meshNetworks ? [meshNetworks] : []),
  ]) {
    if (!reported.has(file.uri)) reported.set(file.uri, { uri: file.uri, displayPath: file.displayPath });
  }
  return {
    input: {
      documents,
      clusters,
      ...(meshConfigSource ? { meshConfig: meshConfigSource } : {}),
      ...(meshNetworksSource ? { meshNetworks: meshNetworksSource } : {}),
    },
    files: [...reported.values()],
    documentCount: documentFiles.length,
    stateFilesGivenAsDocuments: givenFiles.length - documentFiles.length,
    undecodable,
  };
}

async function singleFile(flag: string, given: string, environment: CliEnvironment): Promise<InputFile> {
  const [file] = await withContext(flag, () => collectInputFiles([given], environment.cwd));
  const absolute = path.resolve(environment.cwd, given);
  if (!file || file.absolutePath !== absolute) {
    throw new CliError(`${flag} ${given} is a directory`, `give ${flag} one YAML file`);
  }
  return file;
}

/** Prefixes a usage error with the option it came from: `--cluster east: east/: no such file or directory`. */
async function withContext<T>(context: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) throw new CliError(`${context}: ${error.problem}`, error.remedy);
    throw error;
  }
}
