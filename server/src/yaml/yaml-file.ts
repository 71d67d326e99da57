/**
 * A whole YAML file as the analysis engine sees it: its segments, each with its cached parse and its
 * place in the file, or a single Helm-template marker when the file is a chart template.
 */
import { type Range } from '../mesh/diagnostic';
import { findHelmTemplateAction } from './helm-template';
import { type ParsedSegment, type SegmentParser } from './parsed-segment';
import { type YamlSegment, splitYamlSegments } from '../../../protocol/yaml-documents';

export interface PlacedSegment {
  readonly segment: YamlSegment;
  readonly parsed: ParsedSegment;
}

export interface ParsedYamlFile {
  /** The first `{{ ... }}` action when the file is a Helm template; then `segments` is empty. */
  readonly helmTemplate: Range | null;
  readonly segments: readonly PlacedSegment[];
}

export function parseYamlFile(text: string, parser: SegmentParser): ParsedYamlFile {
  const helmTemplate = findHelmTemplateAction(text);
  if (helmTemplate) return { helmTemplate, segments: [] };
  return {
    helmTemplate: null,
    segments: splitYamlSegments(text).map((segment) => ({ segment, parsed: parser.parse(segment.text) })),
  };
}
