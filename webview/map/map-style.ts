/**
 * The cytoscape stylesheet of the mesh map, from a theme palette. Health is the node's border and a tint
 * of its fill (green, yellow, red, grey: the theme's chart colours); drift is an outline of its own colour,
 * so a node can show both at once. Networks are boxes (compound nodes) labelled at the top.
 */
import type { StylesheetJson } from 'cytoscape';
import type { Palette } from './theme-palette';

export function mapStylesheet(palette: Palette): StylesheetJson {
  const text = {
    color: palette.foreground,
    'font-family': palette.fontFamily,
    'font-size': 12,
    'text-wrap': 'wrap',
    'text-max-width': '160px',
  } as const;
  const health = (state: 'ok' | 'stale' | 'unreachable' | 'unknown', colour: string): StylesheetJson => [
    { selector: `node.health-${state}`, style: { 'border-color': colour } },
    { selector: `node.health-${state}:childless`, style: { 'background-color': colour } },
  ];
  return [
    {
      selector: 'node',
      style: {
        ...text,
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'center',
        'border-width': palette.highContrast ? 3 : 2,
        'background-opacity': 0.22,
        width: 'data(width)',
        height: 'data(height)',
        padding: '10px',
      },
    },
    { selector: 'node.cluster', style: { shape: 'round-rectangle' } },
    { selector: 'node.controlPlane', style: { shape: 'hexagon', padding: '12px' } },
    { selector: 'node.gateway', style: { shape: 'diamond', padding: '18px', 'font-size': 10 } },
    {
      selector: 'node.network',
      style: {
        shape: 'round-rectangle',
        'background-color': palette.boxFill,
        'background-opacity': 0.55,
        'border-style': 'solid',
        'border-width': palette.highContrast ? 2 : 1,
        'font-size': 16,
        'font-weight': 'bold',
        'text-valign': 'top',
        'text-halign': 'center',
        'text-margin-y': -4,
        padding: '18px',
      },
    },
    ...health('ok', palette.ok),
    ...health('stale', palette.stale),
    ...health('unreachable', palette.unreachable),
    ...health('unknown', palette.unknown),
    // A box's border says the worst health inside it, but stays thin so the clusters stand out.
    { selector: 'node.network.health-ok', style: { 'border-color': palette.boxBorder } },
    {
      selector: 'node.drifted',
      style: {
        'outline-width': 3,
        'outline-color': palette.drift,
        'outline-offset': 2,
        'outline-style': 'solid',
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'overlay-color': palette.foreground, 'overlay-opacity': 0.08 },
    },
    {
      selector: 'edge',
      style: {
        width: 1.5,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.9,
      },
    },
    {
      selector: 'edge.serves',
      style: { 'line-color': palette.serves, 'target-arrow-color': palette.serves },
    },
    {
      selector: 'edge.eastWest',
      style: {
        width: 3,
        'line-color': palette.eastWest,
        'line-style': 'dashed',
        'line-dash-pattern': [8, 4],
        'source-arrow-shape': 'triangle',
        'source-arrow-color': palette.eastWest,
        'target-arrow-color': palette.eastWest,
      },
    },
    {
      selector: 'edge.remoteSecret',
      style: {
        'line-color': palette.remoteSecret,
        'target-arrow-color': palette.remoteSecret,
        'line-style': 'dotted',
        width: 2,
      },
    },
    {
      // A trust problem between two clusters: red and dashed, its codes along the line.
      selector: 'edge.trust',
      style: {
        width: 3,
        'line-color': palette.unreachable,
        'target-arrow-color': palette.unreachable,
        'line-style': 'dashed',
        'line-dash-pattern': [6, 3],
        label: 'data(label)',
        color: palette.unreachable,
        'font-size': 10,
        'text-rotation': 'autorotate',
      },
    },
    {
      selector: 'edge.trust.warning',
      style: { 'line-dash-pattern': [2, 4] },
    },
  ];
}
