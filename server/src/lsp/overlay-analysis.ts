/**
 * Rendered Kustomize overlays analysed in the language server as `meshwright analyze` does it: each
 * overlay's objects beside the workspace's authored documents (so a route's Service may live outside the
 * overlay), never beside another overlay's copies. Each overlay keeps an analysis session of its own, so
 * rendering it again after an edit re-analyses only the documents whose text changed. Only the findings
 * on the overlay's own objects are kept, with the schema checks of its documents, moved to the lines to
 * edit.
 */
import { AnalysisSession } from '../analysis/session/analysis-session';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { parseSuppressions } from '../mesh/suppression';
import { type RenderedOverlayMapper } from '../render/kustomize/overlay-diagnostics';
import { withSchemaResources } from '../yaml/schema-diagnostic-resources';
import { type SchemaLanguageService, schemaCheckedSegments } from '../yaml/schema-language-service';
import { yieldToEventLoop } from './timers';

export interface OverlayAnalysisOptions {
  readonly schemaService: SchemaLanguageService | undefined;
  readonly suppress: readonly string[];
  readonly defaultNamespace: string;
}

interface OverlaySession {
  readonly session: AnalysisSession;
  /** The suppressions it was made with: other ones make a new session. */
  readonly suppress: string;
  /** URI → text of the documents it holds. */
  documents: Map<string, string>;
}

export class OverlayAnalysis {
  private readonly sessions = new Map<string, OverlaySession>();

  async analyse(
    overlay: RenderedOverlayMapper,
    authored: readonly { uri: string; text: string }[],
    options: OverlayAnalysisOptions,
  ): Promise<MeshDiagnostic[]> {
    const entry = this.sessionFor(overlay.uri, options);
    const wanted = new Map(authored.map((document) => [document.uri, document.text]));
    wanted.set(overlay.uri, overlay.overlay.yaml);
    for (const uri of entry.documents.keys()) if (!wanted.has(uri)) entry.session.removeDocument(uri);
    for (const [uri, text] of wanted)
      if (entry.documents.get(uri) !== text) entry.session.setDocument(uri, text);
    entry.documents = wanted;
    entry.session.refresh();
    const found: MeshDiagnostic[] = entry.session.diagnosticsFor(overlay.uri);
    const service = options.schemaService;
    if (service) {
      const schema: MeshDiagnostic[] = [];
      for (const segment of schemaCheckedSegments(overlay.overlay.yaml)) {
        schema.push(...(await service.validateSegment(overlay.uri, segment)));
        await yieldToEventLoop();
      }
      const rules = parseSuppressions(options.suppress).rules;
      found.push(...withSchemaResources(schema, overlay.overlay.yaml, options.defaultNamespace, rules));
    }
    return found.map((diagnostic) => overlay.remap(diagnostic));
  }

  /** An overlay that is gone (or a re-index): its session goes too. */
  forget(uri?: string): void {
    if (uri === undefined) this.sessions.clear();
    else this.sessions.delete(uri);
  }

  private sessionFor(uri: string, options: OverlayAnalysisOptions): OverlaySession {
    const suppress = JSON.stringify(options.suppress);
    const known = this.sessions.get(uri);
    if (known?.suppress === suppress) return known;
    // Offline, as `meshwright analyze` without clusters: the files are the cluster state.
    const session = new AnalysisSession({
      defaultNamespace: options.defaultNamespace,
      kubernetesState: 'files',
      defaultIngressGateway: true,
    });
    session.setSuppressions(options.suppress);
    const created: OverlaySession = { session, suppress, documents: new Map() };
    this.sessions.set(uri, created);
    return created;
  }
}
