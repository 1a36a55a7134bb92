/** Help ▸ About PyMem Lab and Help ▸ Memory Model Notes: short texts the menu opens. */

import { LabDialogFrame } from './LabDialogFrame';

export function AboutDialog({ onClose }: { onClose(): void }) {
  return (
    <LabDialogFrame title="About PyMem Lab" className="help-dialog" onClose={onClose}>
      <div className="dialog-body">
        <p>
          <strong>PyMem Lab</strong> is an offline lab for seeing how CPython 3.11 manages memory: reference
          counts, object sizes, the reference graph, pymalloc and the cyclic garbage collector, step by step.
        </p>
        <p>
          Programs run in the lab&rsquo;s own interpreter, written in TypeScript, whose memory behaves like
          CPython 3.11 on 64 bits. It runs in a sandbox: no files, network or processes of your machine are
          reachable from a program. Compare with CPython runs the same program in a real interpreter.
        </p>
      </div>
      <footer className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </LabDialogFrame>
  );
}

export function MemoryModelDialog({ onClose }: { onClose(): void }) {
  return (
    <LabDialogFrame title="Memory model notes" className="help-dialog" onClose={onClose}>
      <div className="dialog-body">
        <p>The lab reproduces CPython 3.11 on a 64-bit machine. What its numbers mean:</p>
        <dl className="notes">
          <dt>Step</dt>
          <dd>
            One <code>sys.settrace</code> event of your code: a call, a line about to run, a return or an
            exception. The memory shown is the memory at that moment.
          </dd>
          <dt>Refcount</dt>
          <dd>
            The object&rsquo;s reference count (<code>ob_refcnt</code>). <code>sys.getrefcount(x)</code>{' '}
            prints one more: its own argument is a reference too.
          </dd>
          <dt>Size</dt>
          <dd>
            <code>sys.getsizeof</code>: the object itself (with the GC header for tracked objects), not what
            it refers to.
          </dd>
          <dt>id()</dt>
          <dd>
            The object&rsquo;s address: a pymalloc block (objects up to 512 bytes) in a 16 KiB pool of a 1 MiB
            arena. A freed block is reused by the next object of its size class.
          </dd>
          <dt>Collector</dt>
          <dd>
            Three generations; <code>gc.get_count()</code> against the thresholds (700, 10, 10) decides when a
            collection runs. It finds what only cycles keep alive; reference counting frees the rest at once.
          </dd>
          <dt>Free lists</dt>
          <dd>
            Floats, lists, dicts and small tuples are kept for reuse when freed, so their memory is not handed
            back to pymalloc.
          </dd>
        </dl>
      </div>
      <footer className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </footer>
    </LabDialogFrame>
  );
}
