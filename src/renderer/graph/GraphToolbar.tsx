/** The graph's own toolbar: what to show, how to lay it out, and the four exports. */

import type { ExportFormat } from './export-files';
import type { LayoutName } from './graph-layout';

export type Background = 'theme' | 'white' | 'transparent';

export interface GraphToolbarProps {
  foldShared: boolean;
  onFoldShared: (fold: boolean) => void;
  layout: LayoutName;
  onLayout: (layout: LayoutName) => void;
  onFit: () => void;
  scale: number;
  onScale: (scale: number) => void;
  background: Background;
  onBackground: (background: Background) => void;
  full: boolean;
  onFull: (full: boolean) => void;
  onExport: (format: ExportFormat) => void;
  disabled: boolean;
}

export function GraphToolbar(props: GraphToolbarProps) {
  const { disabled } = props;
  return (
    <div className="graph-toolbar" role="toolbar" aria-label="Graph tools">
      <label
        className="graph-check"
        title="Fold None, True/False, small ints, interned strings and builtins into the objects that refer to them"
      >
        <input
          type="checkbox"
          checked={props.foldShared}
          onChange={(event) => props.onFoldShared(event.target.checked)}
        />
        Inline primitives
      </label>
      <div className="graph-group" role="group" aria-label="Layout">
        {(['layered', 'force'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="graph-button"
            aria-pressed={props.layout === name}
            onClick={() => props.onLayout(name)}
            disabled={disabled}
            title={
              name === 'layered'
                ? 'Frames on the left, the heap flowing right (dagre)'
                : 'Force-directed (fcose)'
            }
          >
            {name === 'layered' ? 'Layered' : 'Force'}
          </button>
        ))}
        <button type="button" className="graph-button" onClick={props.onFit} disabled={disabled}>
          Fit
        </button>
      </div>
      <div className="graph-group graph-export" role="group" aria-label="Export">
        <span className="graph-group-label">Export</span>
        {(['png', 'svg', 'dot', 'json'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="graph-button"
            onClick={() => props.onExport(format)}
            disabled={disabled}
            title={`Save the graph as ${format.toUpperCase()}`}
          >
            {format.toUpperCase()}
          </button>
        ))}
        <select
          aria-label="Image scale"
          value={props.scale}
          onChange={(event) => props.onScale(Number(event.target.value))}
        >
          {[1, 2, 3].map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <select
          aria-label="Image background"
          value={props.background}
          onChange={(event) => props.onBackground(event.target.value as Background)}
        >
          <option value="theme">theme bg</option>
          <option value="white">white bg</option>
          <option value="transparent">transparent</option>
        </select>
        <label className="graph-check" title="The whole graph rather than the part in view (PNG and SVG)">
          <input
            type="checkbox"
            checked={props.full}
            onChange={(event) => props.onFull(event.target.checked)}
          />
          whole graph
        </label>
      </div>
    </div>
  );
}
