/**
 * Sends diagnostics to the client, and decides when not to: a document open in the editor gets them
 * only for the version the analysis saw (an older result would flicker over newer text); a file that is
 * not open is sent nothing while it has nothing to report and never had (a 2,000-file workspace does not
 * mean 2,000 empty notifications); a live object's virtual document (`meshwright:/...`) only when the
 * client opened it, a cluster's own URI (`meshwright:/<cluster>`) always.
 */
import { type Connection, type TextDocuments } from 'vscode-languageserver';
import { type TextDocument } from 'vscode-languageserver-textdocument';
import { type MeshDiagnostic } from '../mesh/diagnostic';
import { LIVE_OBJECT_SCHEME, parseClusterUri } from '../yaml/live-object-document';
import { toLspDiagnostic } from './diagnostic-conversion';

export class DiagnosticsPublisher {
  /** URIs whose last publication was not empty: they must be told when their problems go away. */
  private readonly nonEmpty = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
  ) {}

  /**
   * `version`: the editor version the diagnostics were computed for, undefined for the file on disk.
   * `always`: send even an empty list for a file that never had diagnostics (analyzeWorkspace does).
   */
  publish(
    uri: string,
    diagnostics: readonly MeshDiagnostic[],
    version: number | undefined,
    always = false,
  ): void {
    const open = this.documents.get(uri);
    if (open && version !== undefined && open.version !== version) return;
    if (open && version === undefined) return; // The disk's text is not what the editor shows.
    // A live object's findings live in the sidebar until its copy is opened (fifty clusters hold thousands);
    // a cluster's own few (what could not be read there) go to the Problems panel at once.
    if (!open && uri.startsWith(`${LIVE_OBJECT_SCHEME}:`) && parseClusterUri(uri) === undefined) return;
    if (diagnostics.length === 0 && !open && !always && !this.nonEmpty.has(uri)) return;
    if (diagnostics.length > 0) this.nonEmpty.add(uri);
    else this.nonEmpty.delete(uri);
    void this.connection.sendDiagnostics({
      uri,
      ...(version !== undefined ? { version } : {}),
      diagnostics: diagnostics.map(toLspDiagnostic),
    });
  }

  /** Clears a URI's diagnostics (file deleted, document closed and gone, validation switched off). */
  clear(uri: string): void {
    this.nonEmpty.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Every URI that shows diagnostics now. */
  shown(): string[] {
    return [...this.nonEmpty];
  }
}
