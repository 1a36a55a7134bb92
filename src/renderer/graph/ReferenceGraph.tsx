/**
 * The reference graph of one step: frames on the left as roots, the heap flowing right,
 * cycles outlined, garbage waiting for the collector marked, the collector's findings phase by
 * phase, the selection's referrers and "why is this alive?" path, and (with `compareWith`)
 * what changed between two steps. Owns the Cytoscape instance (through GraphView); React
 * state holds only plain values.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import type { CollectionReport, ObjectId, Snapshot } from '../../core';
import { diffSnapshots } from '../../core/trace/diff';
import { CollectorCaption } from './CollectorCaption';
import { setupCytoscape } from './cytoscape-setup';
import { DiffSummary } from './DiffSummary';
import { downloadBlob } from './download';
import { exportGraph, type ExportFormat } from './export-files';
import { freshCollection } from './gc-report';
import { fitView, type LayoutName } from './graph-layout';
import { GraphLegend } from './GraphLegend';
import { notifyGraph } from './graph-observers';
import { useGraphPalette } from './graph-theme';
import { GraphToolbar, type Background } from './GraphToolbar';
import { GraphView, type PositionSeed, type PositionsListener } from './graph-view';
import { SelectionDetails } from './SelectionDetails';
import { StyleDetail } from './style-detail';
import { whyAlive } from './why-alive';
import './graph.css';

export interface ReferenceGraphProps {
  snapshot: Snapshot | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
  /** Compare mode: draw what changed from this snapshot (of the same run) to `snapshot`. */
  compareWith?: Snapshot | null;
  /** The graph's state as an experiment keeps it: restored from, and reported to, the app. */
  persist?: GraphPersistence;
}

/** The graph's view state to come back to: applied once per `key`. */
export interface GraphRestore {
  key: number;
  foldShared: boolean;
  layout: LayoutName;
  /** Where the nodes of the step the timeline opens at were. */
  seed: PositionSeed | null;
}

export interface GraphPersistence {
  restore: GraphRestore | null;
  /** The person changed the graph's state (nodes moved or placed, folding, layout). */
  onChange(change: {
    positions?: Parameters<PositionsListener>;
    foldShared?: boolean;
    layout?: LayoutName;
  }): void;
}

/** How long each recorded phase of a collection stays on screen when it is played. */
const PHASE_MS = 900;

const reportKey = (r: CollectionReport | null) => (r === null ? '' : `${r.step}:${r.generation}`);

export function ReferenceGraph({
  snapshot,
  selected,
  onSelect,
  compareWith = null,
  persist,
}: ReferenceGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const view = useRef<GraphView | null>(null);
  const styles = useRef<StyleDetail | null>(null);
  const onSelectLatest = useRef(onSelect);
  const onChangeLatest = useRef(persist?.onChange);
  const palette = useGraphPalette();
  const [foldShared, setFoldShared] = useState(true);
  const [layout, setLayout] = useState<LayoutName>('layered');
  const [scale, setScale] = useState(2);
  const [background, setBackground] = useState<Background>('theme');
  const [full, setFull] = useState(false);
  // The phase shown belongs to one collection (by key): another step's report starts at rest.
  const [phaseState, setPhaseState] = useState<{ key: string; phase: number | null }>({
    key: '',
    phase: null,
  });
  const [replays, setReplays] = useState(0);
  const animation = useRef<number | undefined>(undefined);

  const report = snapshot === null ? null : freshCollection(snapshot);
  const phaseCount = report?.phases.length ?? 0;
  const key = reportKey(report);
  // Until its animation starts, a new collection shows its first phase (not the result first).
  const gcPhase = phaseState.key === key ? phaseState.phase : phaseCount > 0 ? 0 : null;
  const showPhase = (phase: number | null) => {
    window.clearTimeout(animation.current);
    setPhaseState({ key, phase });
  };

  useEffect(() => {
    onSelectLatest.current = onSelect;
    onChangeLatest.current = persist?.onChange;
  });

  // The Cytoscape instance lives as long as the component.
  useEffect(() => {
    const cytoscape = setupCytoscape();
    const cy = cytoscape({
      container: container.current,
      minZoom: 0.05,
      maxZoom: 4,
      boxSelectionEnabled: false,
      autounselectify: true,
    });
    const graph = new GraphView(cy);
    styles.current = new StyleDetail(cy);
    graph.onPositions = (...positions) => onChangeLatest.current?.({ positions });
    view.current = graph;
    cy.on('tap', (event) => {
      if (event.target === cy) onSelectLatest.current(null);
    });
    cy.on('tap', 'node', (event) => {
      const id = event.target.data('objectId') as ObjectId | undefined;
      onSelectLatest.current(id ?? null);
    });
    const resize = new ResizeObserver(() => cy.resize());
    resize.observe(container.current!);
    notifyGraph('ready', cy);
    return () => {
      resize.disconnect();
      notifyGraph('destroyed', cy);
      graph.destroy();
      view.current = null;
      styles.current = null;
    };
  }, []);

  useEffect(() => {
    styles.current?.setPalette(palette);
  }, [palette]);

  // An experiment opened: its folding and layout now, its positions when its step is drawn.
  // Before the update effect below, so that the step's scene finds the seed.
  const restore = persist?.restore ?? null;
  const restoreKey = restore?.key;
  useEffect(() => {
    if (restore === null) return;
    setFoldShared(restore.foldShared);
    setLayout(restore.layout);
    view.current?.restorePositions(restore.seed);
    // Once per key: a new object with the same key is the same restore.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [restoreKey]);

  // A collection that just happened is played phase by phase once, then rests on its result.
  useEffect(() => {
    if (key === '' || phaseCount === 0) return;
    let phase = 0;
    animation.current = window.setTimeout(function next() {
      setPhaseState({ key, phase: phase < phaseCount ? phase : null });
      phase++;
      if (phase <= phaseCount) animation.current = window.setTimeout(next, PHASE_MS);
    }, 0);
    return () => window.clearTimeout(animation.current);
  }, [key, phaseCount, replays]);

  useEffect(() => {
    view.current?.update({
      snapshot,
      compareWith,
      foldShared,
      selected,
      gcPhase,
      layout,
    });
    // `report` derives from `snapshot`; `layout` changes run their own layout (onLayout).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [snapshot, compareWith, foldShared, selected, gcPhase]);

  const diff = useMemo(
    () => (snapshot !== null && compareWith != null ? diffSnapshots(compareWith, snapshot) : null),
    [snapshot, compareWith],
  );
  const selectedObject = useMemo(
    () => (selected === null ? undefined : snapshot?.objects.find((o) => o.id === selected)),
    [snapshot, selected],
  );
  const path = useMemo(
    () => (snapshot !== null && selectedObject !== undefined ? whyAlive(snapshot, selectedObject.id) : null),
    [snapshot, selectedObject],
  );

  const exportAs = (format: ExportFormat) => {
    const cy = view.current?.cy;
    if (cy === undefined || snapshot === null) return;
    const bg = background === 'theme' ? palette.background : background === 'white' ? '#ffffff' : null;
    const options = { scale, background: bg, full, foldShared };
    const exported = () => exportGraph(cy, snapshot, format, options);
    // Pictures show the full detail whatever the zoom; DOT and JSON do not depend on the style.
    const file = format === 'png' || format === 'svg' ? styles.current!.withFullDetail(exported) : exported();
    downloadBlob(file.blob, file.filename);
  };

  return (
    <div className="reference-graph" data-scheme={palette.scheme}>
      <GraphToolbar
        foldShared={foldShared}
        onFoldShared={(fold) => {
          setFoldShared(fold);
          persist?.onChange({ foldShared: fold });
        }}
        layout={layout}
        onLayout={(name) => {
          setLayout(name);
          persist?.onChange({ layout: name });
          void view.current?.relayout(name);
        }}
        onFit={() => view.current && fitView(view.current.cy)}
        scale={scale}
        onScale={setScale}
        background={background}
        onBackground={setBackground}
        full={full}
        onFull={setFull}
        onExport={exportAs}
        disabled={snapshot === null}
      />
      <div className="graph-stage">
        <div ref={container} className="graph-canvas" aria-label="Reference graph drawing" role="img" />
        {snapshot === null && (
          <p className="graph-empty">Run a program and pick a step to see its objects.</p>
        )}
        {snapshot?.truncated && (
          <p className="graph-note graph-truncated">
            The heap walk stopped at {snapshot.objects.length} objects: the graph is partial.
          </p>
        )}
        {report !== null && (
          <CollectorCaption
            report={report}
            phase={gcPhase}
            onPhase={showPhase}
            onReplay={() => setReplays((n) => n + 1)}
          />
        )}
        {diff !== null && <DiffSummary diff={diff} />}
        <GraphLegend />
      </div>
      {snapshot !== null && selectedObject !== undefined && (
        <SelectionDetails snapshot={snapshot} object={selectedObject} path={path} />
      )}
    </div>
  );
}
