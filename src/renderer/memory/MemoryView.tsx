/**
 * Memory over time for the whole run (memory-chart.ts draws it), the numbers at the current
 * step, the run's collections and finalizer/weakref events as a list that moves the timeline,
 * and the memory profile of the current step.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { MemorySeries, Snapshot } from '../../core';
import { formatBytes } from '../timeline';
import { shownStep } from './allocator-text';
import { MemoryChart, markersOf } from './memory-chart';
import { useMemoryPalette } from './memory-palette';
import { MemoryProfile } from './MemoryProfile';
import { valueAt } from './series-decimate';
import { useElementWidth } from './use-element-width';

const HEIGHTS: [number, number] = [170, 170];
/** Markers listed, the nearest to the current step first. */
const MARKERS_LISTED = 40;

export interface MemoryViewProps {
  series: MemorySeries | null;
  /** How many steps each recorded value stands for (1 unless the run was thinned). */
  bucket: number;
  step: number | null;
  snapshot: Snapshot | null;
  source: string;
  line: number | null;
  onLine: (line: number | null) => void;
  onGoTo: (step: number) => void;
}

export function MemoryView(props: MemoryViewProps) {
  const { series, bucket, step, snapshot, source, line, onLine, onGoTo } = props;
  const palette = useMemoryPalette();
  const [width, measure] = useElementWidth();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<MemoryChart | null>(null);
  const [types, setTypes] = useState<string[]>([]);
  const goTo = useRef(onGoTo);
  const stepRef = useRef(step);

  useEffect(() => {
    goTo.current = onGoTo;
    stepRef.current = step;
  });

  // One chart per series and colour scheme; resizing and stepping reuse it.
  const ready = width > 0;
  useLayoutEffect(() => {
    if (!series || !host.current || !ready) return;
    const created = new MemoryChart(
      host.current,
      series,
      palette,
      { onSeek: (s) => goTo.current(s) },
      width,
      HEIGHTS,
    );
    chart.current = created;
    created.setStep(stepRef.current ?? 0);
    setTypes(created.types);
    return () => {
      created.destroy();
      chart.current = null;
    };
    // The width is applied by the effect below, without building the chart again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series, palette, ready]);

  useEffect(() => {
    if (width > 0) chart.current?.setSize(width, HEIGHTS);
  }, [width]);

  useEffect(() => {
    if (step !== null) chart.current?.setStep(step);
  }, [step]);

  if (!series) {
    return (
      <p className="panel-empty">Memory over time is recorded with every run: run the program to see it.</p>
    );
  }

  const at = step ?? 0;
  const channel = (name: string) => series.channels.find((c) => c.name === name);
  const typeValue = (name: string) =>
    valueAt(
      series.types.find((c) => c.name === name),
      at,
    );
  const objects = valueAt(channel('objects'), at);
  const other = Math.max(0, objects - types.reduce((n, t) => n + typeValue(t), 0));
  const gc = [0, 1, 2].map((g) => valueAt(channel(`gc${g}`), at));
  const markers = markersOf(series);
  const listed = [
    ...markers.collections.map((c) => ({
      step: c.step,
      kind: `gen ${c.generation} collection (${c.cause})`,
      generation: c.generation,
    })),
    ...markers.finalizers.map((s) => ({ step: s, kind: '__del__', generation: -1 })),
    ...markers.weakrefs.map((s) => ({ step: s, kind: 'weakref callback', generation: -2 })),
  ]
    .sort((a, b) => Math.abs(a.step - at) - Math.abs(b.step - at) || a.step - b.step)
    .slice(0, MARKERS_LISTED)
    .sort((a, b) => a.step - b.step);
  const colour = (generation: number) =>
    generation >= 0
      ? palette.generations[generation]
      : generation === -1
        ? palette.finalizer
        : palette.weakref;

  return (
    <div className="memory-view">
      <div className="memory-now" aria-label="Memory at this step">
        <span title="The sum of sys.getsizeof over the objects made since the first step and alive now">
          <span className="swatch" style={{ background: palette.sizeof }} />{' '}
          {formatBytes(valueAt(channel('sizeof'), at))} in live objects (Σ sys.getsizeof)
        </span>
        <span title="Bytes requested since the first step and not freed, as tracemalloc counts them">
          <span className="swatch" style={{ background: palette.bytes }} />{' '}
          {formatBytes(valueAt(channel('bytes'), at))} traced
        </span>
        <span>
          <span className="swatch" style={{ background: palette.blocks }} />{' '}
          {valueAt(channel('blocks'), at).toLocaleString('en-US')} blocks
        </span>
        <span>{objects.toLocaleString('en-US')} objects</span>
        <span className="mono">gc.get_count() {`(${gc.join(', ')})`}</span>
      </div>
      <div className="memory-chart" ref={measure}>
        <div
          ref={host}
          className="memory-chart-host"
          role="img"
          aria-label="Memory over time"
          data-step={step ?? ''}
        />
      </div>
      <ul className="legend memory-types" aria-label="Objects by type">
        {[...types, 'other'].map((name, i) => (
          <li key={name}>
            <span
              className="swatch"
              style={{
                background:
                  palette.types[name === 'other' ? palette.types.length - 1 : i % (palette.types.length - 1)],
              }}
            />
            {name} {(name === 'other' ? other : typeValue(name)).toLocaleString('en-US')}
          </li>
        ))}
      </ul>
      <p className="muted small">
        Top, solid: bytes in live objects, the sum of sys.getsizeof over the objects made since the first step
        and alive (each object with its own buffer: a list&apos;s array, a dict&apos;s table). Dashed: bytes
        traced, the blocks requested since the first step and not freed, as tracemalloc counts them (their
        requested sizes, the dead objects free lists keep included). Right axis: pymalloc blocks in use.
        Below: live objects by type. Lines mark collections (by generation), triangles __del__ calls and
        weakref callbacks. Click to go to a step, drag to zoom, double-click for the whole run.
        {bucket > 1 && ` This long run keeps the largest value of every ${bucket} steps.`}
      </p>
      <section aria-label="Markers">
        <h4>
          {markers.collections.length} collections · {markers.finalizers.length} __del__ calls ·{' '}
          {markers.weakrefs.length} weakref callbacks
        </h4>
        <div className="chips">
          {listed.map((m, i) => (
            <button
              key={`${m.step}-${m.kind}-${i}`}
              type="button"
              className="chip"
              aria-pressed={m.step === at}
              onClick={() => onGoTo(m.step)}
              aria-label={`${m.kind} at ${shownStep(m.step)}`}
            >
              <span className="swatch" style={{ background: colour(m.generation) }} />
              {m.kind} · {shownStep(m.step)}
            </button>
          ))}
        </div>
      </section>
      {snapshot && <MemoryProfile snapshot={snapshot} source={source} line={line} onLine={onLine} />}
    </div>
  );
}
