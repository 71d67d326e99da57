/**
 * The result of rendering one overlay: the objects kustomize produced (one YAML stream carrying
 * `config.kubernetes.io/origin`) and the text of every file the rendering read, which is what maps a
 * rendered field back to the line to edit. `targets` is where a repository's own deployment objects
 * (Argo CD, Flux) will say which clusters receive the overlay; until then the documents' usual targets
 * apply.
 */
export interface RenderedOverlay {
  /** Absolute directory of the kustomization that was rendered. */
  readonly directory: string;
  /** Absolute path of its kustomization file. */
  readonly kustomizationFile: string;
  /** kustomize's output. */
  readonly yaml: string;
  /** Absolute path → text of every file the rendering read (kustomization files, resources, patches). */
  readonly sources: ReadonlyMap<string, string>;
  /** The clusters that receive this overlay, when the repository says; undefined: the default targets. */
  readonly targets?: readonly string[];
}

export interface RenderFailure {
  readonly directory: string;
  readonly kustomizationFile: string;
  /** kustomize's own message, with the temporary copy's paths turned back into the user's. */
  readonly message: string;
}

export type RenderOutcome = { readonly rendered: RenderedOverlay } | { readonly failed: RenderFailure };
