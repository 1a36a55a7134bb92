/**
 * The memory-over-time chart (uPlot): the bytes in live objects (Σ sys.getsizeof), the bytes
 * traced (tracemalloc's count) and pymalloc blocks above, live objects by type stacked below, both with the run's collections (a line per collection, coloured by
 * generation), `__del__` calls and weakref callbacks (ticks at the top), and the current step.
 *
 * It owns its two uPlot instances (React state never holds them). Data is decimated to a few
 * points per pixel for the visible range (series-decimate.ts), so a million steps draw as
 * fast as a thousand; moving the step only redraws the cached paths and the marks. Click a
 * point to move there; drag to zoom into a range of steps, double-click to see the whole run.
 */

import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { MemorySeries } from '../../core';
import { chartData, topTypes, type ChartData } from './series-decimate';
import type { MemoryPalette } from './memory-palette';
import { causeOf, type CollectionCause } from './collector-model';

/** Layers of the stack, "other" besides. */
export const STACKED_TYPES = 6;
/** Points per CSS pixel of the plotting area. */
const POINTS_PER_PIXEL = 2;

export interface ChartCallbacks {
  onSeek: (step: number) => void;
}

export interface Markers {
  collections: { step: number; generation: number; cause: CollectionCause }[];
  finalizers: number[];
  weakrefs: number[];
}

export function markersOf(series: MemorySeries): Markers {
  const { collections, events } = series;
  return {
    collections: Array.from(collections.steps, (step, i) => ({
      step,
      generation: collections.generations[i],
      cause: causeOf(collections.manual[i]),
    })),
    finalizers: Array.from(events.steps).filter((_, i) => events.kinds[i] === 0),
    weakrefs: Array.from(events.steps).filter((_, i) => events.kinds[i] === 1),
  };
}

const formatCount = (v: number) =>
  Math.abs(v) >= 1e6 ? `${(v / 1e6).toFixed(1)}M` : v >= 1e4 ? `${(v / 1e3).toFixed(0)}k` : `${v}`;

export function formatSize(bytes: number): string {
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

/** Each chart's two plots move their cursors together, and only with each other. */
let charts = 0;

export class MemoryChart {
  readonly types: string[];
  readonly markers: Markers;
  private readonly top: uPlot;
  private readonly bottom: uPlot;
  private range: { from: number; to: number };
  private step = 0;
  private data: ChartData;
  private zoomed = false;
  private readonly disposers: (() => void)[] = [];

  constructor(
    private readonly host: HTMLElement,
    private readonly series: MemorySeries,
    private palette: MemoryPalette,
    private readonly callbacks: ChartCallbacks,
    width: number,
    heights: [number, number],
  ) {
    this.types = topTypes(series, STACKED_TYPES);
    this.markers = markersOf(series);
    this.range = { from: 0, to: Math.max(0, series.stepCount - 1) };
    this.data = this.compute(width);
    const sync = uPlot.sync(`pymem-memory-${++charts}`);
    this.top = new uPlot(this.topOptions(width, heights[0], sync.key), this.topData(), host);
    this.bottom = new uPlot(this.bottomOptions(width, heights[1], sync.key), this.bottomData(), host);
    for (const u of [this.top, this.bottom]) this.bindPointer(u);
  }

  /** The current step: only the marks are drawn again. */
  setStep(step: number): void {
    if (step === this.step) return;
    this.step = step;
    this.top.redraw(false, false);
    this.bottom.redraw(false, false);
  }

  setSize(width: number, heights: [number, number]): void {
    this.data = this.compute(width);
    this.top.setSize({ width, height: heights[0] });
    this.bottom.setSize({ width, height: heights[1] });
    this.refresh();
  }

  /** Shows steps [from, to] (the whole run when null). */
  zoom(range: { from: number; to: number } | null): void {
    const last = Math.max(0, this.series.stepCount - 1);
    this.range = range
      ? { from: Math.max(0, Math.floor(range.from)), to: Math.min(last, Math.ceil(range.to)) }
      : { from: 0, to: last };
    this.data = this.compute(this.top.width);
    this.refresh();
  }

  get visible(): { from: number; to: number } {
    return this.range;
  }

  destroy(): void {
    for (const dispose of this.disposers) dispose();
    this.top.destroy();
    this.bottom.destroy();
    this.host.replaceChildren();
  }

  private refresh(): void {
    this.top.setData(this.topData());
    this.bottom.setData(this.bottomData());
  }

  private compute(width: number): ChartData {
    const buckets = Math.max(16, Math.floor(width * POINTS_PER_PIXEL));
    return chartData(this.series, this.range.from, this.range.to, buckets, this.types);
  }

  private topData(): uPlot.AlignedData {
    return [this.data.xs, this.data.sizeof, this.data.bytes, this.data.blocks];
  }

  private bottomData(): uPlot.AlignedData {
    return [this.data.xs, ...this.data.stack];
  }

  private xScale(): uPlot.Scale {
    return { time: false, range: () => [this.range.from, Math.max(this.range.to, this.range.from + 1)] };
  }

  private axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
    const p = this.palette;
    return {
      stroke: p.muted,
      grid: { stroke: p.grid, width: 1 },
      ticks: { stroke: p.grid, width: 1 },
      font: '11px system-ui, sans-serif',
      ...extra,
    };
  }

  private stepAxis(): uPlot.Axis {
    // The timeline counts steps from 1.
    return this.axis({ values: (_u, ticks) => ticks.map((t) => formatCount(Math.round(t) + 1)) });
  }

  private common(
    width: number,
    height: number,
    key: string,
  ): Pick<uPlot.Options, 'width' | 'height' | 'legend' | 'cursor' | 'hooks'> {
    return {
      width,
      height,
      legend: { show: false },
      cursor: {
        sync: { key },
        drag: { x: true, y: false, setScale: false },
        points: { show: false },
      },
      hooks: {
        draw: [(u) => this.drawMarks(u)],
        setSelect: [(u) => this.selected(u)],
      },
    };
  }

  private topOptions(width: number, height: number, key: string): uPlot.Options {
    const p = this.palette;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    return {
      ...this.common(width, height, key),
      scales: { x: this.xScale(), bytes: { auto: true }, blocks: { auto: true } },
      axes: [
        this.stepAxis(),
        this.axis({ scale: 'bytes', size: 64, values: (_u, ticks) => ticks.map(formatSize) }),
        this.axis({
          scale: 'blocks',
          side: 1,
          size: 48,
          grid: { show: false },
          values: (_u, t) => t.map(formatCount),
        }),
      ],
      series: [
        {},
        {
          label: 'bytes in live objects (Σ sys.getsizeof)',
          scale: 'bytes',
          stroke: p.sizeof,
          width: 1.75,
          fill: `${p.sizeof}22`,
          paths: stepped,
        },
        {
          label: 'bytes traced (tracemalloc)',
          scale: 'bytes',
          stroke: p.bytes,
          width: 1,
          dash: [4, 3],
          paths: stepped,
        },
        { label: 'blocks', scale: 'blocks', stroke: p.blocks, width: 1.25, paths: stepped },
      ],
    };
  }

  private bottomOptions(width: number, height: number, key: string): uPlot.Options {
    const p = this.palette;
    const stepped = uPlot.paths.stepped?.({ align: 1 });
    const names = [...this.data.stackNames].reverse();
    const colour = (name: string) =>
      name === 'other'
        ? p.types[p.types.length - 1]
        : p.types[this.types.indexOf(name) % (p.types.length - 1)];
    return {
      ...this.common(width, height, key),
      scales: { x: this.xScale(), y: { auto: true, range: (_u, _min, max) => [0, Math.max(1, max)] } },
      // An empty right axis as wide as the blocks axis above: both plots span the same steps.
      axes: [
        this.stepAxis(),
        this.axis({ size: 64, values: (_u, ticks) => ticks.map(formatCount) }),
        this.axis({ side: 1, size: 48, grid: { show: false }, ticks: { show: false }, values: () => [] }),
      ],
      series: [
        {},
        ...names.map((name) => ({
          label: name,
          stroke: colour(name),
          fill: colour(name),
          width: 0,
          paths: stepped,
        })),
      ],
    };
  }

  private selected(u: uPlot): void {
    const { left, width } = u.select;
    if (width < 3) return;
    this.zoomed = true;
    u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
    this.zoom({ from: u.posToVal(left, 'x'), to: u.posToVal(left + width, 'x') });
  }

  private bindPointer(u: uPlot): void {
    const click = (event: MouseEvent) => {
      if (this.zoomed) {
        this.zoomed = false;
        return;
      }
      const step = Math.round(u.posToVal(event.offsetX, 'x'));
      this.callbacks.onSeek(Math.max(this.range.from, Math.min(this.range.to, step)));
    };
    const reset = () => this.zoom(null);
    u.over.addEventListener('click', click);
    u.over.addEventListener('dblclick', reset);
    this.disposers.push(() => {
      u.over.removeEventListener('click', click);
      u.over.removeEventListener('dblclick', reset);
    });
  }

  /** Collections, finalizers, weakref callbacks and the current step, over the plot. */
  private drawMarks(u: uPlot): void {
    const p = this.palette;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const dpr = window.devicePixelRatio || 1;
    const { from, to } = this.range;
    const x = (step: number) => Math.round(u.valToPos(step, 'x', true)) + 0.5;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();
    ctx.lineWidth = dpr;
    for (let g = 0; g < 3; g++) {
      ctx.strokeStyle = p.generations[g];
      ctx.beginPath();
      for (const c of this.markers.collections) {
        if (c.generation !== g || c.step < from || c.step > to) continue;
        ctx.moveTo(x(c.step), top);
        ctx.lineTo(x(c.step), top + height);
      }
      ctx.stroke();
    }
    const tick = (steps: number[], colour: string, y: number) => {
      ctx.fillStyle = colour;
      ctx.beginPath();
      const s = 4 * dpr;
      for (const step of steps) {
        if (step < from || step > to) continue;
        const px = x(step);
        ctx.moveTo(px - s, y);
        ctx.lineTo(px + s, y);
        ctx.lineTo(px, y + 1.6 * s);
        ctx.closePath();
      }
      ctx.fill();
    };
    tick(this.markers.finalizers, p.finalizer, top);
    tick(this.markers.weakrefs, p.weakref, top + 8 * dpr);
    if (this.step >= from && this.step <= to) {
      ctx.strokeStyle = p.step;
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.moveTo(x(this.step), top);
      ctx.lineTo(x(this.step), top + height);
      ctx.stroke();
    }
    ctx.restore();
  }
}
