/**
 * The selected object at the current step: what `type()`, `id()`, `sys.getrefcount()`,
 * `sys.getsizeof()` and `gc.is_tracked()` would tell about it, and the references out of it
 * (referents) and into it (referrers), each of which selects its object.
 */

import type { ObjectId, Snapshot } from '../../shared/lab-api';
import type { Reference, SnapshotIndex } from '../snapshot-index';
import { formatBytes, hexAddress } from '../timeline';
import { refcountHint, refcountText } from '../refcount-text';

export interface ObjectInspectorProps {
  snapshot: Snapshot | null;
  index: SnapshotIndex | null;
  selected: ObjectId | null;
  onSelect: (id: ObjectId | null) => void;
}

export function ObjectInspector({ snapshot, index, selected, onSelect }: ObjectInspectorProps) {
  if (!snapshot || !index) return <p className="panel-empty">Run the program to inspect its objects.</p>;
  if (selected === null) {
    return <p className="panel-empty">Select a variable or an object of the graph to inspect it.</p>;
  }
  const object = index.object(selected);
  if (!object) {
    return (
      <p className="panel-empty">
        Object #{selected} does not exist at step {snapshot.step + 1}: it was not created yet, or it was
        freed.
      </p>
    );
  }

  const gc = object.tracked
    ? `tracked, generation ${object.generation ?? '?'}`
    : 'not tracked (it cannot be part of a cycle)';
  const finalizer = object.finalizer ? (object.finalized ? '__del__ (already run)' : '__del__') : undefined;

  return (
    <div className="inspector">
      <header className="inspector-header">
        <span className="type-badge mono">{object.type}</span>
        <span className="inspector-label mono">{object.label}</span>
      </header>
      <table className="data-table properties" aria-label="Object properties">
        <tbody>
          <Property name="Type" value={object.type} />
          <Property name="id()" value={`${object.address} (${hexAddress(object.address)})`} mono />
          <Property name="Refcount" value={refcountText(object)} hint={refcountHint(object)} />
          <Property name="Size" value={formatBytes(object.size)} hint="sys.getsizeof()" />
          <Property name="GC" value={gc} />
          {finalizer && <Property name="Finalizer" value={finalizer} />}
          {!object.reachable && (
            <Property name="Reachable" value="no: only a reference cycle keeps it alive" tone="warning" />
          )}
          {object.shared && (
            <Property name="Shared" value="a static or startup object (None, a small int, …)" />
          )}
        </tbody>
      </table>
      <References
        title="Referents"
        empty="It refers to no object."
        references={index.referents(object.id)}
        omitted={object.omittedEdges}
        onSelect={onSelect}
      />
      <References
        title="Referrers"
        empty="Nothing in the snapshot refers to it."
        references={index.referrers(object.id)}
        onSelect={onSelect}
      />
    </div>
  );
}

function Property({
  name,
  value,
  hint,
  mono,
  tone,
}: {
  name: string;
  value: string;
  hint?: string;
  mono?: boolean;
  tone?: 'warning';
}) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className={[mono && 'mono', tone].filter(Boolean).join(' ') || undefined} title={hint}>
        {value}
      </td>
    </tr>
  );
}

function References({
  title,
  empty,
  references,
  omitted,
  onSelect,
}: {
  title: string;
  empty: string;
  references: Reference[];
  omitted?: number;
  onSelect: (id: ObjectId | null) => void;
}) {
  return (
    <section className="references" aria-label={title}>
      <h3>
        {title} <span className="count">{references.length + (omitted ?? 0)}</span>
      </h3>
      {references.length === 0 ? (
        <p className="references-empty">{empty}</p>
      ) : (
        <ul>
          {references.map((reference, i) => (
            <li key={i}>
              {reference.frame ? (
                <span className="reference frame-reference">
                  <span className="mono edge-label">{reference.label}</span>
                  <span className="reference-target">variable of {reference.frame.name}</span>
                </span>
              ) : (
                <button
                  type="button"
                  className="reference"
                  onClick={() => onSelect(reference.id ?? null)}
                  title={reference.object ? `Inspect ${reference.object.type} #${reference.id}` : undefined}
                >
                  <span className="mono edge-label">{reference.label}</span>
                  <span className="reference-target mono">
                    {reference.object?.label ?? `object #${reference.id}`}
                  </span>
                  {reference.weak && <span className="badge subtle">weak</span>}
                  {reference.temporary && <span className="badge subtle">temporary</span>}
                </button>
              )}
            </li>
          ))}
          {!!omitted && <li className="references-more">… {omitted} more not listed</li>}
        </ul>
      )}
    </section>
  );
}
