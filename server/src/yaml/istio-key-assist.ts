/**
 * Completion and hover that the schemas cannot give: Istio's label and annotation keys under
 * `metadata.labels` / `metadata.annotations` of any document (a Namespace, a Deployment's pod template,
 * an Istio or Gateway API object), and Istio's gateway class names in a Gateway's `spec.gatewayClassName`.
 * Keys come from istio/api's lists, each with its feature status; deprecated ones are marked so.
 */
import {
  type CompletionItem,
  CompletionItemKind,
  CompletionItemTag,
  type Hover,
  MarkupKind,
} from 'vscode-languageserver-types';
import { type Position } from '../mesh/diagnostic';
import {
  type IstioMetadataKey,
  type MetadataKeyPlace,
  appliesToKind,
  istioMetadataKey,
  istioMetadataKeys,
} from '../mesh/istio-metadata-keys';
import { type CursorYamlPath, cursorYamlPath } from './cursor-yaml-path';

export interface IstioGatewayClass {
  readonly name: string;
  readonly description: string;
}

/** The GatewayClasses istiod's controller owns (istio/istio pkg/config/constants). */
export const ISTIO_GATEWAY_CLASSES: readonly IstioGatewayClass[] = [
  { name: 'istio', description: 'Istio ingress or egress gateway: istiod deploys Envoy for the Gateway.' },
  {
    name: 'istio-waypoint',
    description:
      'Ambient waypoint: the L7 proxy of a namespace, service or workload. Needs a listener on port 15008 with protocol HBONE.',
  },
  {
    name: 'istio-east-west',
    description:
      'Ambient east-west gateway: carries HBONE traffic between networks of a multicluster mesh (listener `mesh`, port 15008, TLS Terminate with ISTIO_MUTUAL).',
  },
  {
    name: 'istio-remote',
    description: 'A gateway served from another cluster.',
  },
  { name: 'istio-agentgateway', description: 'Istio gateway run by agentgateway.' },
  { name: 'istio-agentgateway-waypoint', description: 'Ambient waypoint run by agentgateway.' },
];

const GATEWAY_API_GROUP = 'gateway.networking.k8s.io/';
/** Kinds whose `spec.template` is a pod template. */
const POD_TEMPLATE_PATHS: readonly (readonly string[])[] = [
  ['spec', 'template', 'metadata'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata'],
];

export function completeIstioKeys(text: string, position: Position): CompletionItem[] {
  const cursor = cursorYamlPath(text, position);
  const range = {
    start: { line: position.line, character: cursor.word.start },
    end: { line: position.line, character: cursor.word.end },
  };
  if (isGatewayClassName(cursor) && cursor.inValue) {
    return ISTIO_GATEWAY_CLASSES.map((gatewayClass, index) => ({
      label: gatewayClass.name,
      kind: CompletionItemKind.EnumMember,
      detail: 'Istio gateway class',
      documentation: { kind: MarkupKind.Markdown, value: gatewayClass.description },
      sortText: String(index).padStart(2, '0'),
      textEdit: { range, newText: gatewayClass.name },
    }));
  }
  const place = metadataPlace(cursor);
  if (!place || cursor.inValue) return [];
  const kind = objectKind(cursor);
  return istioMetadataKeys(place.place)
    .filter((key) => !key.hidden && (kind === undefined || appliesToKind(key, kind)))
    .map((key) => ({
      label: key.name,
      kind: CompletionItemKind.Property,
      detail: `Istio ${singular(place.place)} · ${key.featureStatus}${key.deprecated ? ' · deprecated' : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: keyDocumentation(key, place.place) },
      ...(key.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
      // Deprecated keys last, the rest by name.
      sortText: `${key.deprecated ? 'z' : 'a'}${key.name}`,
      filterText: key.name,
      textEdit: { range, newText: `${key.name}: ` },
    }));
}

export function hoverIstioKeys(text: string, position: Position): Hover | null {
  const cursor = cursorYamlPath(text, position);
  if (isGatewayClassName(cursor) && cursor.inValue) {
    const gatewayClass = ISTIO_GATEWAY_CLASSES.find((candidate) => candidate.name === cursor.word.text);
    if (!gatewayClass || cursor.word.text === '') return null;
    return {
      contents: {
        kind: MarkupKind.Markdown,
        value: `**${gatewayClass.name}** (Istio gateway class)\n\n${gatewayClass.description}`,
      },
      range: wordRange(position.line, cursor.word),
    };
  }
  const place = metadataPlace(cursor);
  const key = cursor.key;
  if (!place || !key || position.character < key.start || position.character > key.end) return null;
  const known = istioMetadataKey(place.place, key.name);
  if (!known) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: keyDocumentation(known, place.place) },
    range: wordRange(position.line, key),
  };
}

function isGatewayClassName(cursor: CursorYamlPath): boolean {
  return (
    cursor.kind === 'Gateway' &&
    (cursor.apiVersion ?? '').startsWith(GATEWAY_API_GROUP) &&
    cursor.key?.name === 'gatewayClassName' &&
    cursor.parents.length === 1 &&
    cursor.parents[0] === 'spec'
  );
}

/** `labels` or `annotations` when the cursor is on a key of an object's (or pod template's) metadata. */
function metadataPlace(
  cursor: CursorYamlPath,
): { place: MetadataKeyPlace; podTemplate: boolean } | undefined {
  const parents = cursor.parents;
  const last = parents[parents.length - 1];
  if (last !== 'labels' && last !== 'annotations') return undefined;
  const owner = parents.slice(0, -1);
  if (owner.length === 1 && owner[0] === 'metadata') return { place: last, podTemplate: false };
  const podTemplate = POD_TEMPLATE_PATHS.some(
    (path) => path.length === owner.length && path.every((segment, index) => owner[index] === segment),
  );
  return podTemplate ? { place: last, podTemplate: true } : undefined;
}

function objectKind(cursor: CursorYamlPath): string | undefined {
  const place = metadataPlace(cursor);
  return place?.podTemplate ? 'Pod' : cursor.kind;
}

function keyDocumentation(key: IstioMetadataKey, place: MetadataKeyPlace): string {
  const status = `${key.featureStatus}${key.deprecated ? ', **deprecated**' : ''}`;
  const lines = [
    `**${key.name}** (Istio ${singular(place)}, ${status})`,
    '',
    absoluteLinks(key.description),
    '',
    `Applies to: ${key.resources.join(', ')}.`,
  ];
  if (key.hidden) lines.push('', 'Istio sets this itself; it is not meant to be written by hand.');
  return lines.join('\n');
}

/** istio/api's descriptions link to pages of istio.io by path. */
function absoluteLinks(markdown: string): string {
  return markdown.replace(/\]\(\/docs\//g, '](https://istio.io/latest/docs/');
}

function singular(place: MetadataKeyPlace): string {
  return place === 'labels' ? 'label' : 'annotation';
}

function wordRange(line: number, span: { start: number; end: number }) {
  return { start: { line, character: span.start }, end: { line, character: span.end } };
}
