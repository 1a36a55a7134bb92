/**
 * Preferences: the CPython interpreter "Compare with CPython" runs. "Check" asks the main
 * process what that interpreter reports (its version, or why it cannot be used) without saving
 * it; "Save" stores it in the experiment store and applies it at once.
 */

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CPythonStatus } from '../../shared/cpython';
import {
  MAX_CPYTHON_PATH_CHARS,
  type PreferencesApi,
  type PreferencesInfo,
} from '../../shared/preferences-api';
import { LabDialogFrame } from './LabDialogFrame';

type Check =
  | { status: 'idle' }
  | { status: 'checking'; path: string | null }
  | { status: 'done'; path: string | null; result: CPythonStatus }
  | { status: 'failed'; message: string };

export interface PreferencesDialogProps {
  preferences: PreferencesApi;
  onClose(): void;
  /** The preferences were saved: what depends on them asks again. */
  onSaved(info: PreferencesInfo): void;
}

/** The field's text as the preference: empty means the default. */
const chosenPath = (text: string): string | null => (text.trim() === '' ? null : text.trim());

export function PreferencesDialog({ preferences, onClose, onSaved }: PreferencesDialogProps) {
  const [info, setInfo] = useState<PreferencesInfo>();
  const [loadError, setLoadError] = useState<string>();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<Check>({ status: 'idle' });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const checkToken = useRef(0);
  const field = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const hintId = useId();

  useEffect(() => {
    let live = true;
    preferences.get().then(
      (loaded) => {
        if (!live) return;
        setInfo(loaded);
        setText(loaded.cpythonPath ?? '');
      },
      (error: unknown) => live && setLoadError(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [preferences]);

  // The field is disabled until the preferences arrive: focus it then.
  useEffect(() => {
    if (info && !info.readOnly) field.current?.focus();
  }, [info]);

  const runCheck = () => {
    const path = chosenPath(text);
    const token = ++checkToken.current;
    setCheck({ status: 'checking', path });
    preferences.checkCPython(path).then(
      (result) => token === checkToken.current && setCheck({ status: 'done', path, result }),
      (error: unknown) =>
        token === checkToken.current && setCheck({ status: 'failed', message: messageOf(error) }),
    );
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setSaveError(undefined);
    preferences.set({ cpythonPath: chosenPath(text) }).then(
      (saved) => {
        onSaved(saved);
        onClose();
      },
      (error: unknown) => {
        setSaving(false);
        setSaveError(messageOf(error));
      },
    );
  };

  const readOnly = info?.readOnly;
  const shownCheck = check.status === 'done' && check.path !== chosenPath(text) ? undefined : check;

  return (
    <LabDialogFrame title="Preferences" className="preferences-dialog" onClose={onClose}>
      <form onSubmit={save}>
        <div className="dialog-body">
          <label htmlFor={fieldId} className="dialog-label">
            CPython interpreter
          </label>
          <p id={hintId} className="dialog-hint">
            Compare with CPython runs your program in this interpreter: CPython 3.11 on 64 bits, as the
            lab&rsquo;s numbers are. A path, or a command on the PATH; empty for the default
            {info ? ` (${info.defaultCPython})` : ''}.
          </p>
          <div className="dialog-row">
            <input
              ref={field}
              id={fieldId}
              type="text"
              className="dialog-input"
              aria-describedby={hintId}
              value={text}
              placeholder={info?.defaultCPython ?? 'python3'}
              maxLength={MAX_CPYTHON_PATH_CHARS}
              spellCheck={false}
              autoComplete="off"
              disabled={!info || !!readOnly}
              onChange={(event) => {
                setText(event.currentTarget.value);
                setSaveError(undefined);
              }}
            />
            <button
              type="button"
              className="button"
              onClick={runCheck}
              disabled={!info || check.status === 'checking'}
            >
              Check
            </button>
          </div>
          <CheckResult check={shownCheck} />
          {readOnly && (
            <p className="dialog-note" role="note">
              {readOnly}
            </p>
          )}
          {loadError && (
            <p className="dialog-note error-text" role="alert">
              The preferences could not be read: {loadError}
            </p>
          )}
          {saveError && (
            <p className="dialog-note error-text" role="alert">
              Not saved: {saveError}
            </p>
          )}
        </div>
        <footer className="dialog-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!info || !!readOnly || saving}>
            Save
          </button>
        </footer>
      </form>
    </LabDialogFrame>
  );
}

function CheckResult({ check }: { check: Check | undefined }) {
  if (!check || check.status === 'idle') return <p className="dialog-check" role="status" />;
  if (check.status === 'checking') {
    return (
      <p className="dialog-check" role="status">
        Checking {check.path ?? 'the default'}…
      </p>
    );
  }
  if (check.status === 'failed') {
    return (
      <p className="dialog-check error" role="status">
        The check failed: {check.message}
      </p>
    );
  }
  const { result } = check;
  return result.available ? (
    <p className="dialog-check ok" role="status">
      CPython {result.version} ({result.executable}): ready to compare.
    </p>
  ) : (
    <p className="dialog-check error" role="status">
      {result.reason}
    </p>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
