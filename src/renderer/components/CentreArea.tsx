/**
 * The central panel: the reference graph, or one of the memory views (the allocator map, the
 * collector, memory over time), chosen by tabs in its header (arrow keys move between them).
 * The graph stays mounted while hidden, so its layout and Cytoscape state survive a visit to
 * another view; the others are built when shown.
 */

import { useRef, type KeyboardEvent } from 'react';
import type { MemorySeries, ObjectId, Snapshot } from '../../core';
import { ReferenceGraph, type GraphPersistence } from '../graph/ReferenceGraph';
import { AllocatorView } from '../memory/AllocatorView';
import { CollectorView } from '../memory/CollectorView';
import { MemoryView } from '../memory/MemoryView';
import { Panel } from './Panel';
import '../memory/memory.css';

export type CentreTab = 'graph' | 'allocator' | 'collector' | 'memory';

const TABS: { id: CentreTab; name: string; title: string }[] = [
  { id: 'graph', name: 'Graph', title: 'Reference graph' },
  { id: 'allocator', name: 'Allocator', title: 'Allocator (pymalloc)' },
  { id: 'collector', name: 'Collector', title: 'Collector' },
  { id: 'memory', name: 'Memory over time', title: 'Memory over time' },
];

export interface CentreAreaProps {
  tab: CentreTab;
  onTab: (tab: CentreTab) => void;
  snapshot: Snapshot | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
  memory: { series: MemorySeries; bucket: number } | null;
  step: number | null;
  onGoTo: (step: number) => void;
  source: string;
  profileLine: number | null;
  onProfileLine: (line: number | null) => void;
  /** The graph's state as the open experiment keeps it. */
  graph?: GraphPersistence;
}

export function CentreArea(props: CentreAreaProps) {
  const { tab, onTab, snapshot, selected, onSelect, memory, step, onGoTo } = props;
  const buttons = useRef(new Map<CentreTab, HTMLButtonElement>());
  const current = TABS.find((t) => t.id === tab) ?? TABS[0];

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.indexOf(current);
    const moves: Record<string, number> = {
      ArrowRight: 1,
      ArrowLeft: -1,
      Home: -index,
      End: TABS.length - 1 - index,
    };
    const move = moves[event.key];
    if (move === undefined) return;
    event.preventDefault();
    const next = TABS[(index + move + TABS.length) % TABS.length];
    onTab(next.id);
    buttons.current.get(next.id)?.focus();
  };

  return (
    <Panel
      title={current.title}
      className="area-graph"
      actions={
        <div className="tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
          {TABS.map((t) => (
            <button
              key={t.id}
              ref={(element) => {
                if (element) buttons.current.set(t.id, element);
                else buttons.current.delete(t.id);
              }}
              type="button"
              role="tab"
              className="tab"
              id={`view-tab-${t.id}`}
              aria-selected={t.id === tab}
              aria-controls={`view-${t.id}`}
              tabIndex={t.id === tab ? 0 : -1}
              onClick={() => onTab(t.id)}
            >
              {t.name}
            </button>
          ))}
        </div>
      }
    >
      <div
        className="centre-view"
        id="view-graph"
        role="tabpanel"
        aria-labelledby="view-tab-graph"
        hidden={tab !== 'graph'}
      >
        <ReferenceGraph snapshot={snapshot} selected={selected} onSelect={onSelect} persist={props.graph} />
      </div>
      {tab !== 'graph' && (
        <div
          className="centre-view scroll"
          id={`view-${tab}`}
          role="tabpanel"
          aria-labelledby={`view-tab-${tab}`}
        >
          {tab === 'allocator' && (
            <AllocatorView snapshot={snapshot} selected={selected} onSelect={onSelect} />
          )}
          {tab === 'collector' && (
            <CollectorView
              snapshot={snapshot}
              series={memory?.series ?? null}
              onGoTo={onGoTo}
              onSelect={onSelect}
            />
          )}
          {tab === 'memory' && (
            <MemoryView
              series={memory?.series ?? null}
              bucket={memory?.bucket ?? 1}
              step={step}
              snapshot={snapshot}
              source={props.source}
              line={props.profileLine}
              onLine={props.onProfileLine}
              onGoTo={onGoTo}
            />
          )}
        </div>
      )}
    </Panel>
  );
}
