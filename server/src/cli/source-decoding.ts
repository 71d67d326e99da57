/**
 * Bytes of an input file -> its text, or a diagnostic saying why it is not text. YAML is Unicode:
 * UTF-8 (an optional byte-order mark is dropped) or UTF-16 with a byte-order mark. A binary file (a NUL
 * byte) or bytes that are not valid UTF-8 become a MESH001 diagnostic at the first offending byte, so a
 * stray image or archive in a walked directory shows up in the report instead of crashing the run.
 */
import { isUtf8 } from 'node:buffer';
import { type MeshDiagnostic, type Position, YAML_SYNTAX_ERROR } from '../mesh/diagnostic';

export type DecodedSource = { readonly text: string } | { readonly problem: MeshDiagnostic };

export function decodeSource(bytes: Uint8Array, uri: string): DecodedSource {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', uri);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', uri);

  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const nul = bytes.indexOf(0, start);
  if (nul !== -1) {
    return problemAt(
      uri,
      positionOf(bytes, start, nul),
      'binary file, not YAML text (it holds a NUL byte here); leave it out of the paths',
    );
  }
  if (!isUtf8(bytes)) {
    const bad = firstInvalidUtf8(bytes, start);
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return problemAt(
      uri,
      positionOf(bytes, start, bad),
      `not UTF-8 text (byte 0x${hex} here is not valid UTF-8); save the file as UTF-8, as YAML requires`,
    );
  }
  return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start)) };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', uri: string): DecodedSource {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(2));
  } catch {
    return problemAt(
      uri,
      { line: 0, character: 0 },
      `not valid ${encoding.toUpperCase()} text although it starts with a ${encoding.toUpperCase()} byte-order mark; save the file as UTF-8`,
    );
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    return problemAt(
      uri,
      positionInText(text, nul),
      'binary file, not YAML text (it holds a NUL character here); leave it out of the paths',
    );
  }
  return { text };
}

/** The offset of the first byte that starts an invalid UTF-8 sequence (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let index = from;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead < 0x80) {
      index++;
      continue;
    }
    const continuationCount =
      lead >= 0xc2 && lead <= 0xdf
        ? 1
        : lead >= 0xe0 && lead <= 0xef
          ? 2
          : lead >= 0xf0 && lead <= 0xf4
            ? 3
            : 0;
    if (continuationCount === 0) return index;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const secondLow = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const secondHigh = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= continuationCount; k++) {
      const byte = bytes[index + k];
      const low = k === 1 ? secondLow : 0x80;
      const high = k === 1 ? secondHigh : 0xbf;
      if (byte === undefined || byte < low || byte > high) return index;
    }
    index += continuationCount + 1;
  }
  return -1;
}

/** LSP position (UTF-16 columns) of a byte offset; the bytes before it are decoded leniently. */
function positionOf(bytes: Uint8Array, start: number, offset: number): Position {
  const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start, offset));
  return positionInText(before, before.length);
}

function positionInText(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, character: offset - lineStart };
}

export function problemAt(uri: string, start: Position, message: string): { problem: MeshDiagnostic } {
  return {
    problem: {
      code: YAML_SYNTAX_ERROR,
      severity: 'error',
      message,
      uri,
      range: { start, end: { line: start.line, character: start.character + 1 } },
      cluster: null,
      related: [],
    },
  };
}
