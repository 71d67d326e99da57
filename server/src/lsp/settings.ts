/**
 * The `meshwright.*` settings, however the editor provides them: pulled with workspace/configuration
 * (VS Code, Neovim, Helix, Emacs eglot all answer it), pushed in didChangeConfiguration, or given once in
 * initializationOptions. Whatever arrives is normalised field by field: a wrong type falls back to the
 * default instead of breaking validation.
 */
import { DEFAULT_SETTINGS, type MeshwrightSettings, type TargetsRule } from '../../../protocol/requests';

export const SETTINGS_SECTION = 'meshwright';

/** Reads the section from the client; undefined when the client cannot be asked. */
export type SettingsFetcher = () => Promise<unknown>;

export class SettingsStore {
  private current: Promise<MeshwrightSettings> | undefined;
  /** The last settings the client pushed (or sent at initialize); used when it cannot be asked. */
  private pushed: unknown;

  constructor(
    private readonly fetch: SettingsFetcher | undefined,
    initial: unknown = undefined,
    private readonly onError: (message: string) => void = () => undefined,
  ) {
    this.pushed = initial;
  }

  get(): Promise<MeshwrightSettings> {
    this.current ??= this.load();
    return this.current;
  }

  /** didChangeConfiguration: forget the cached settings; keep pushed ones (`{ meshwright: {...} }`). */
  changed(pushedSettings: unknown): void {
    const section = sectionOf(pushedSettings);
    if (section !== undefined) this.pushed = section;
    this.current = undefined;
  }

  private async load(): Promise<MeshwrightSettings> {
    if (!this.fetch) return normalizeSettings(this.pushed);
    try {
      const pulled = await this.fetch();
      // Clients without such a section answer null: then pushed/initial settings (or defaults) apply.
      return normalizeSettings(pulled ?? this.pushed);
    } catch (error) {
      this.onError(
        `could not read the "${SETTINGS_SECTION}" settings from the editor (${String(error)}); using defaults`,
      );
      this.current = undefined;
      return normalizeSettings(this.pushed);
    }
  }
}

/** `{ meshwright: {...} }` -> its section; a bare section is returned as it is. */
function sectionOf(settings: unknown): unknown {
  if (!isRecord(settings)) return undefined;
  return SETTINGS_SECTION in settings ? settings[SETTINGS_SECTION] : undefined;
}

/** Accepts nested (`{ validation: { enable } }`) and dotted (`{ 'validation.enable': … }`) shapes. */
export function normalizeSettings(raw: unknown): MeshwrightSettings {
  const section = isRecord(raw) ? raw : {};
  const validation = isRecord(section.validation) ? section.validation : {};
  const enable = validation.enable ?? section['validation.enable'];
  return {
    validation: { enable: typeof enable === 'boolean' ? enable : DEFAULT_SETTINGS.validation.enable },
    kubeconfig: typeof section.kubeconfig === 'string' ? section.kubeconfig : DEFAULT_SETTINGS.kubeconfig,
    contexts: stringArray(section.contexts) ?? DEFAULT_SETTINGS.contexts,
    suppress: stringArray(section.suppress) ?? DEFAULT_SETTINGS.suppress,
    clusters: clusterPaths(section.clusters) ?? DEFAULT_SETTINGS.clusters,
    meshConfig:
      typeof section.meshConfig === 'string' ? section.meshConfig.trim() : DEFAULT_SETTINGS.meshConfig,
    targets: targetRules(section.targets) ?? DEFAULT_SETTINGS.targets,
  };
}

function stringArray(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** `{ east: ["clusters/east"], west: "clusters/west" }`: a single path is accepted as a one-path list. */
function clusterPaths(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const clusters: Record<string, string[]> = {};
  for (const [name, paths] of Object.entries(value)) {
    const list = typeof paths === 'string' ? [paths] : stringArray(paths);
    if (name.trim() === '' || !list) continue;
    clusters[name] = list.filter((path) => path.trim() !== '');
  }
  return clusters;
}

/**
 * `[{ files: "east/**", clusters: ["east"] }]`; a single cluster may be a string. Entries without a glob or
 * clusters are dropped (a wrong entry must not retarget every document).
 */
function targetRules(value: unknown): TargetsRule[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const rules: TargetsRule[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.files !== 'string' || entry.files.trim() === '') continue;
    const clusters = typeof entry.clusters === 'string' ? [entry.clusters] : stringArray(entry.clusters);
    const names = (clusters ?? []).map((name) => name.trim()).filter((name) => name !== '');
    if (names.length > 0) rules.push({ files: entry.files.trim(), clusters: names });
  }
  return rules;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
