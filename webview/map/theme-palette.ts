/**
 * The map's colours, read from the VS Code theme's CSS variables. Cytoscape draws on a canvas, which
 * cannot use CSS variables, so the values are read here and handed to the stylesheet; when the theme
 * changes (VS Code rewrites the variables and the body's `vscode-light|dark|high-contrast` class) the
 * palette is read again and the graph restyled.
 */

export interface Palette {
  readonly background: string;
  readonly foreground: string;
  readonly muted: string;
  readonly boxBorder: string;
  readonly boxFill: string;
  readonly ok: string;
  readonly stale: string;
  readonly unreachable: string;
  readonly unknown: string;
  readonly drift: string;
  readonly serves: string;
  readonly eastWest: string;
  readonly remoteSecret: string;
  readonly fontFamily: string;
  readonly highContrast: boolean;
}

/** Fallbacks for a page outside VS Code (the benchmark) or a theme that leaves a colour unset. */
const FALLBACK = {
  background: '#1e1e1e',
  foreground: '#cccccc',
  muted: '#8b8b8b',
  ok: '#89d185',
  stale: '#cca700',
  unreachable: '#f14c4c',
  blue: '#3794ff',
  purple: '#b180d7',
  orange: '#d18616',
  font: 'system-ui, sans-serif',
};

export function readPalette(root: HTMLElement = document.documentElement): Palette {
  const style = getComputedStyle(root);
  const variable = (name: string, fallback: string): string =>
    style.getPropertyValue(name).trim() || fallback;
  const foreground = variable('--vscode-foreground', FALLBACK.foreground);
  const highContrast =
    document.body.classList.contains('vscode-high-contrast') ||
    document.body.classList.contains('vscode-high-contrast-light');
  return {
    background: variable('--vscode-editor-background', FALLBACK.background),
    foreground,
    muted: variable('--vscode-descriptionForeground', FALLBACK.muted),
    boxBorder: highContrast
      ? variable('--vscode-contrastBorder', foreground)
      : variable('--vscode-panel-border', FALLBACK.muted),
    boxFill: variable(
      '--vscode-sideBar-background',
      variable('--vscode-editor-background', FALLBACK.background),
    ),
    ok: variable('--vscode-charts-green', FALLBACK.ok),
    stale: variable('--vscode-charts-yellow', FALLBACK.stale),
    unreachable: variable('--vscode-charts-red', FALLBACK.unreachable),
    unknown: variable('--vscode-disabledForeground', FALLBACK.muted),
    drift: variable('--vscode-charts-purple', FALLBACK.purple),
    serves: variable('--vscode-charts-blue', FALLBACK.blue),
    eastWest: foreground,
    remoteSecret: variable('--vscode-charts-orange', FALLBACK.orange),
    fontFamily: variable('--vscode-font-family', FALLBACK.font),
    highContrast,
  };
}
