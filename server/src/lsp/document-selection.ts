/**
 * Which documents the server works on: YAML ones. Editors tag them with languageId `yaml`; a file ending
 * in .yaml/.yml counts too (some editors use a more specific language id for, say, compose files).
 * Helm chart templates are language `helm` in VS Code and are left alone.
 */
import { URI } from 'vscode-uri';

export const YAML_FILE_PATTERN = /\.ya?ml$/i;

export function isYamlDocument(uri: string, languageId: string): boolean {
  if (languageId === 'yaml') return true;
  if (languageId === 'helm') return false;
  return YAML_FILE_PATTERN.test(URI.parse(uri).path);
}
