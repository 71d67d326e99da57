/**
 * Argo CD `ApplicationSet`: the Applications its generators make, each read as an Application
 * (argo-application.ts). Supported generators: `list` (`elements`) and `clusters` (the registered
 * clusters, or those its `selector` matches; parameters `name`, `nameNormalized`, `server`,
 * `metadata.labels.<key>`, `metadata.annotations.<key>`, `values.<key>`). Both template syntaxes are
 * substituted: `{{name}}` and, with `goTemplate: true`, `{{ .name }}`. Any other generator (matrix,
 * merge, git, scmProvider, ...) or a placeholder left unresolved is a note, never a guess.
 */
import { type MeshResource } from '../../model/resource';
import { type ArgoCluster } from './argo-cluster-registry';
import { readApplicationSpec } from './argo-application';
import {
  type GitOpsDeployment,
  type GitOpsNote,
  type ReadGitOps,
  originOf,
  record,
} from './gitops-deployments';
import { matchesSelector } from './label-selector';

type Parameters = ReadonlyMap<string, string>;

const SUPPORTED = ['list', 'clusters'];
const PLACEHOLDER = /\{\{-?\s*\.?([A-Za-z0-9_.\-/]+)\s*-?\}\}/g;
const ANY_PLACEHOLDER = /\{\{.*?\}\}/;

/**
 * `clusters`: what a `clusters` generator enumerates; `fromSecrets` tells whether they carry the labels
 * Argo CD would select on (cluster Secrets in the repository) or are the analysis' clusters, unlabelled.
 */
export function readApplicationSet(
  resource: MeshResource,
  clusters: readonly ArgoCluster[],
  fromSecrets: boolean,
): ReadGitOps {
  const spec = record(resource.object.spec);
  const template = record(spec.template);
  const deployments: GitOpsDeployment[] = [];
  const notes: GitOpsNote[] = [];
  const note = (path: readonly (string | number)[], message: string): void => {
    notes.push({ uri: resource.source.uri, range: resource.source.locate(path), message });
  };
  const generators = Array.isArray(spec.generators) ? spec.generators : [];
  generators.forEach((generator, index) => {
    const kinds = Object.keys(record(generator)).filter((key) => key !== 'selector' && key !== 'values');
    const kind = kinds.find((key) => SUPPORTED.includes(key));
    if (!kind) {
      note(
        ['spec', 'generators', index],
        `ApplicationSet ${resource.name}: the ${kinds.join('/') || 'empty'} generator is not supported by Meshwright (only list and clusters): the paths it generates get no targets from it. Give them a meshwright.targets rule or a modeline.`,
      );
      return;
    }
    const body = record(record(generator)[kind]);
    const parameterSets =
      kind === 'list'
        ? listParameters(body)
        : clusterParameters(body, clusters, fromSecrets, (message) =>
            note(['spec', 'generators', index, 'clusters', 'selector'], message),
          );
    for (const parameters of parameterSets) {
      const filled = substitute(template, parameters) as Record<string, unknown>;
      const generatedName = String(record(filled.metadata).name ?? resource.name);
      const read = readApplicationSpec(
        record(filled.spec),
        (path) => resource.source.locate(['spec', 'template', 'spec', ...path]),
        originOf(resource, generatedName),
      );
      for (const deployment of read.deployments) {
        const unresolved = [deployment.path, deployment.cluster.value ?? ''].find((value) =>
          ANY_PLACEHOLDER.test(value),
        );
        if (unresolved !== undefined) {
          notes.push({
            uri: resource.source.uri,
            range: deployment.path === unresolved ? deployment.pathRange : deployment.clusterRange,
            message: `ApplicationSet ${resource.name}: ${unresolved} keeps a placeholder the ${kind} generator does not provide (or a template function Meshwright does not evaluate), so that Application gets no targets from it.`,
          });
        } else deployments.push(deployment);
      }
      notes.push(...read.notes);
    }
  });
  return { deployments, notes: dedupeNotes(notes) };
}

function listParameters(list: Record<string, unknown>): Parameters[] {
  const elements = Array.isArray(list.elements) ? list.elements : [];
  return elements.map((element) => {
    const parameters = new Map<string, string>();
    flatten(record(element), '', parameters);
    return parameters;
  });
}

function clusterParameters(
  generator: Record<string, unknown>,
  clusters: readonly ArgoCluster[],
  fromSecrets: boolean,
  note: (message: string) => void,
): Parameters[] {
  const selector = record(generator.selector);
  const selecting = Object.keys(selector).length > 0;
  if (selecting && !fromSecrets) {
    note(
      'This clusters generator selects by labels, but the repository holds no Argo CD cluster Secret (label argocd.argoproj.io/secret-type: cluster) to read labels from, so Meshwright cannot tell which clusters it selects. Commit the cluster Secrets (without credentials), or give the paths a meshwright.targets rule.',
    );
    return [];
  }
  const values = record(generator.values);
  return clusters
    .filter((cluster) => !selecting || matchesSelector(selector, cluster.labels))
    .map((cluster) => {
      const parameters = new Map<string, string>([
        ['name', cluster.name],
        ['nameNormalized', cluster.name.toLowerCase().replace(/[^a-z0-9.-]/g, '-')],
        ['server', cluster.server],
      ]);
      for (const [key, value] of Object.entries(cluster.labels))
        parameters.set(`metadata.labels.${key}`, value);
      for (const [key, value] of Object.entries(cluster.annotations))
        parameters.set(`metadata.annotations.${key}`, value);
      // Values may themselves use the cluster's parameters (`values: {overlay: '{{name}}'}`).
      for (const [key, value] of Object.entries(values))
        parameters.set(`values.${key}`, String(substitute(value, parameters)));
      return parameters;
    });
}

/** Nested element fields as dotted keys (`{a: {b: 1}}` → `a.b`), as both template syntaxes address them. */
function flatten(value: Record<string, unknown>, prefix: string, into: Map<string, string>): void {
  for (const [key, item] of Object.entries(value)) {
    const name = prefix + key;
    if (typeof item === 'object' && item !== null && !Array.isArray(item))
      flatten(item as Record<string, unknown>, `${name}.`, into);
    else if (item !== null && item !== undefined) into.set(name, String(item));
  }
}

/** Every string of `value` with the placeholders it has parameters for replaced. */
function substitute(value: unknown, parameters: Parameters): unknown {
  if (typeof value === 'string')
    return value.replace(PLACEHOLDER, (whole, key: string) => parameters.get(key) ?? whole);
  if (Array.isArray(value)) return value.map((item) => substitute(item, parameters));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, item]) => [
        key,
        substitute(item, parameters),
      ]),
    );
  return value;
}

function dedupeNotes(notes: readonly GitOpsNote[]): GitOpsNote[] {
  const seen = new Set<string>();
  return notes.filter((note) => {
    const key = `${note.range.start.line}:${note.range.start.character}:${note.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
