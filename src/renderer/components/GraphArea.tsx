/**
 * The central panel: the reference graph of the current step, drawn by the graph's own
 * component (src/renderer/graph/ReferenceGraph.tsx). The selection is the lab's: clicking a
 * node selects its object in the frames view and the inspector, and the other way round.
 */

import type { ObjectId, Snapshot } from '../../shared/lab-api';
import { ReferenceGraph } from '../graph/ReferenceGraph';
import { Panel } from './Panel';

export interface GraphAreaProps {
  snapshot: Snapshot | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
}

export function GraphArea({ snapshot, selected, onSelect }: GraphAreaProps) {
  return (
    <Panel title="Reference graph" className="area-graph">
      <ReferenceGraph snapshot={snapshot} selected={selected} onSelect={onSelect} />
    </Panel>
  );
}
