/**
 * The webview's side of the channel to the extension: `acquireVsCodeApi()` (callable once per page),
 * typed posting, checked receiving, and the view state VS Code keeps while the panel is hidden (the page
 * itself is discarded then: the panel does not use retainContextWhenHidden).
 */
import {
  type HostToViewMessage,
  isHostToViewMessage,
  type ViewToHostMessage,
} from '../../protocol/map-messages';

/** What VS Code keeps for us between a hide and a show: where things were and how far one had zoomed. */
export interface SavedViewState {
  readonly structure: string;
  readonly positions: Readonly<Record<string, { readonly x: number; readonly y: number }>>;
  readonly zoom: number;
  readonly pan: { readonly x: number; readonly y: number };
  readonly userViewport: boolean;
}

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostChannel {
  private readonly api: VsCodeApi = acquireVsCodeApi();

  post(message: ViewToHostMessage): void {
    this.api.postMessage(message);
  }

  /** Calls `handler` with every well-formed message of the host; anything else is ignored. */
  listen(handler: (message: HostToViewMessage) => void): void {
    window.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (isHostToViewMessage(event.data)) handler(event.data);
    });
  }

  savedState(): SavedViewState | undefined {
    const state = this.api.getState();
    return isSavedViewState(state) ? state : undefined;
  }

  saveState(state: SavedViewState): void {
    this.api.setState(state);
  }
}

function isSavedViewState(value: unknown): value is SavedViewState {
  if (typeof value !== 'object' || value === null) return false;
  const state = value as Record<string, unknown>;
  return (
    typeof state.structure === 'string' &&
    typeof state.positions === 'object' &&
    state.positions !== null &&
    typeof state.zoom === 'number' &&
    typeof state.pan === 'object' &&
    state.pan !== null
  );
}
