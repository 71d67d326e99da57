/**
 * The Istio documents the schema tests check against yaml-language-server: every YAML fixture of the
 * repository and the benchmark corpora, split into documents.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PUBLIC_GATEWAY, generateMeshDocuments } from '../../../bench/analysis-corpus';
import { generateIstioFile } from '../../../bench/istio-corpus';
import { isIstioDocument } from '../../../server/src/yaml/schema-language-service';
import { splitYamlSegments } from '../../../protocol/yaml-documents';

const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');

/** Every fixture file and the two generated corpora, whole. */
export function yamlCorpusFiles(): { name: string; text: string }[] {
  const files = yamlFilesUnder(FIXTURES).map((file) => ({
    name: path.relative(FIXTURES, file),
    text: fs.readFileSync(file, 'utf8'),
  }));
  files.push({ name: 'istio-corpus', text: generateIstioFile(40) });
  files.push({ name: 'mesh-corpus', text: [PUBLIC_GATEWAY, ...generateMeshDocuments(60)].join('---\n') });
  return files;
}

/** The Istio documents of yamlCorpusFiles(), each once. */
export function istioCorpusDocuments(): string[] {
  const documents = yamlCorpusFiles().flatMap((file) =>
    splitYamlSegments(file.text)
      .map((segment) => segment.text)
      .filter(isIstioDocument),
  );
  return [...new Set(documents)];
}

function yamlFilesUnder(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(full);
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}
