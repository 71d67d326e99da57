/**
 * Plain text inside a tooltip's MarkdownString. `MarkdownString.appendText` turns every space into
 * `&nbsp;`, so a long stale reason or diagnostic message becomes one unbreakable word that the hover
 * wraps mid-word; this escapes only Markdown's syntax characters and keeps the spaces.
 */
import type * as vscode from 'vscode';

const MARKDOWN_SYNTAX = /[\\`*_{}[\]()#+\-.!|<>~$]/g;

export function appendPlainText(markdown: vscode.MarkdownString, text: string): vscode.MarkdownString {
  return markdown.appendMarkdown(text.replace(MARKDOWN_SYNTAX, (character) => `\\${character}`));
}
