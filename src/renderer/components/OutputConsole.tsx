/** The output console: stdout and stderr in the order the program wrote them, kept scrolled to the end. */

import { useEffect, useRef } from 'react';
import type { OutputChunk } from '../run-state';

export interface OutputConsoleProps {
  output: OutputChunk[];
  droppedChars: number;
  /** What an empty console says. */
  emptyText?: string;
}

export function OutputConsole({
  output,
  droppedChars,
  emptyText = 'Output appears here when you run the program.',
}: OutputConsoleProps) {
  const pre = useRef<HTMLPreElement>(null);

  useEffect(() => {
    const element = pre.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [output]);

  return (
    <pre className="output-console" ref={pre} role="log" aria-label="Program output" aria-live="polite">
      {droppedChars > 0 && (
        <span className="output-note">
          … {droppedChars.toLocaleString('en-US')} earlier characters not shown{'\n'}
        </span>
      )}
      {output.map((chunk, index) => (
        <span key={index} className={chunk.stream === 'stderr' ? 'stderr' : 'stdout'}>
          {chunk.text}
        </span>
      ))}
      {output.length === 0 && <span className="output-empty">{emptyText}</span>}
    </pre>
  );
}
