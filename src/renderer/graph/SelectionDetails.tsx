/** The selected object: its numbers, who refers to it, and why it is still alive. */

import type { Snapshot, SnapshotObject } from '../../core';
import { describePath, referrersOf, type AlivePath } from './why-alive';
import { refcountText } from '../refcount-text';

export interface SelectionDetailsProps {
  snapshot: Snapshot;
  object: SnapshotObject;
  path: AlivePath | null;
}

export function SelectionDetails({ snapshot, object, path }: SelectionDetailsProps) {
  const referrers = referrersOf(snapshot, object.id);
  const strong = referrers.filter((i) => !snapshot.edges[i].weak).length;
  const gc = object.tracked
    ? `tracked, generation ${object.generation ?? '?'}`
    : 'not tracked by the collector';
  return (
    <div className="graph-details" role="region" aria-label="Selected object">
      <div className="graph-details-head">
        <strong>{object.label}</strong> <span>{object.type}</span>{' '}
        <span>id 0x{object.address.toString(16)}</span> <span>refcount {refcountText(object)}</span>{' '}
        <span>{object.size} B</span> <span>{gc}</span>
        {object.finalizer && <span>has __del__{object.finalized ? ' (already run)' : ''}</span>}
      </div>
      <div className="graph-details-why" aria-label="Why is this alive?">
        {path !== null ? (
          <>
            Alive because of <code>{describePath(snapshot, path)}</code>
          </>
        ) : object.reachable ? (
          'Reachable, through objects the graph does not show.'
        ) : (
          'No frame reaches it: only a reference cycle keeps it alive, until the collector runs.'
        )}{' '}
        · {strong} reference{strong === 1 ? '' : 's'} shown pointing at it
        {referrers.length > strong ? ` (+${referrers.length - strong} weak)` : ''}
      </div>
    </div>
  );
}
