/**
 * The samples menu: loads a sample program into the editor (as one edit, so Ctrl/Cmd+Z brings
 * the previous text back).
 */

import { SAMPLES, type Sample } from '../samples';

export function SamplesMenu({ onLoad, disabled }: { onLoad: (sample: Sample) => void; disabled?: boolean }) {
  return (
    <select
      className="samples-menu"
      aria-label="Samples"
      title="Load a sample program"
      value=""
      disabled={disabled}
      onChange={(event) => {
        const sample = SAMPLES.find((s) => s.id === event.currentTarget.value);
        if (sample) onLoad(sample);
      }}
    >
      <option value="" disabled>
        Samples…
      </option>
      {SAMPLES.map((sample) => (
        <option key={sample.id} value={sample.id} title={sample.summary}>
          {sample.title}
        </option>
      ))}
    </select>
  );
}
