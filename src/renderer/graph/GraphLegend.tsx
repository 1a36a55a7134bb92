/** What the graph's colours and line styles mean. */

const ITEMS = [
  ['frame', 'frame (thick: innermost)'],
  ['cycle', 'reference cycle'],
  ['garbage', 'unreachable, alive: garbage'],
  ['collector', 'found unreachable by gc'],
  ['weak', 'weak reference'],
  ['temporary', 'value-stack temporary'],
] as const;

export function GraphLegend() {
  return (
    <ul className="graph-legend" aria-label="Legend">
      {ITEMS.map(([key, text]) => (
        <li key={key}>
          <span className={`graph-swatch graph-swatch-${key}`} aria-hidden="true" />
          {text}
        </li>
      ))}
    </ul>
  );
}
