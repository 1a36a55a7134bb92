/**
 * The open experiment and the experiments list, over `LabApi.experiments`: opens the last
 * experiment on start, saves changes a moment after they happen (and on Ctrl/Cmd+S), and runs
 * the sidebar's actions. The editor's text is read only when a save needs it.
 *
 * Before the first change nothing is stored: a person who only looks creates no experiment.
 * The last open experiment is remembered per browser (localStorage), so two tabs of the web
 * shell, or two browsers, each come back to their own.
 */

import type { EditorView } from '@codemirror/view';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import {
  MAX_EXPERIMENT_FILE_CHARS,
  UNTITLED,
  type Experiment,
  type ExperimentFields,
  type ExperimentId,
  type ExperimentList,
  type ExperimentSort,
  type StoreStatus,
  type ViewState,
} from '../shared/experiment';
import type { ExperimentsApi } from '../shared/experiments-api';
import type { LabApi } from '../shared/lab-api';
import { Autosaver, type SaveState } from './autosave';
import { WELCOME_SNIPPET } from './welcome';

/** The experiment in the editor. `id` is undefined for a draft, which is created on its first save. */
export interface OpenExperiment {
  id: ExperimentId | undefined;
  title: string;
  step: number;
  viewState: ViewState;
}

export interface ExperimentsQuery {
  search: string;
  sort: ExperimentSort;
  trash: boolean;
}

export interface Notice {
  kind: 'error' | 'info';
  text: string;
}

type SavedField = 'source' | 'step' | 'viewState';

export interface Experiments {
  /** Undefined until the store has answered. */
  status: StoreStatus | undefined;
  /** What the editor shows; a new `key` means a new editor (with its own undo history). */
  document: { key: string; text: string } | undefined;
  current: OpenExperiment | undefined;
  saveState: SaveState | 'draft' | 'unavailable';
  saveError: string | undefined;
  notice: Notice | undefined;
  list: ExperimentList;
  trashCount: number;
  query: ExperimentsQuery;
  setQuery(change: Partial<ExperimentsQuery>): void;
  dismissNotice(): void;
  /** The editor's text changed. */
  sourceChanged(): void;
  /** A view changed the step or its state; both are saved with the experiment. */
  updateView(change: { step?: number; viewState?: ViewState }): void;
  saveNow(): void;
  open(id: ExperimentId): void;
  createNew(): void;
  rename(id: ExperimentId, title: string): void;
  duplicate(id: ExperimentId): void;
  trash(id: ExperimentId): void;
  restore(id: ExperimentId): void;
  emptyTrash(): void;
  exportFile(id: ExperimentId): void;
  importFile(file: File): void;
}

/** How many experiments the sidebar lists at once; the search finds the others. */
export const SIDEBAR_LIST_LIMIT = 500;
const LAST_OPEN_KEY = 'pymem-lab.last-experiment';
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.userAgent);

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

function rememberLastOpen(id: ExperimentId): void {
  try {
    localStorage.setItem(LAST_OPEN_KEY, String(id));
  } catch {
    // Storage can be disabled; the person then starts from a draft next time.
  }
}

function recallLastOpen(): ExperimentId | undefined {
  try {
    const id = Number(localStorage.getItem(LAST_OPEN_KEY));
    return Number.isSafeInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Lets the browser save `contents` as a file named `fileName` (Electron asks where). */
function download(fileName: string, contents: string): void {
  const url = URL.createObjectURL(new Blob([contents], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useExperiments(lab: LabApi, editor: RefObject<EditorView | null>): Experiments {
  const api: ExperimentsApi = lab.experiments;
  const [status, setStatus] = useState<StoreStatus>();
  const [document_, setDocument] = useState<{ key: string; text: string }>();
  const [current, setCurrent] = useState<OpenExperiment>();
  const [saveState, setSaveState] = useState<Experiments['saveState']>('draft');
  const [saveError, setSaveError] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [list, setList] = useState<ExperimentList>({ items: [], total: 0 });
  const [trashCount, setTrashCount] = useState(0);
  const [query, setQueryState] = useState<ExperimentsQuery>({ search: '', sort: 'updated', trash: false });

  // Refs: the autosaver's callbacks run long after the render that created them.
  const currentRef = useRef<OpenExperiment | undefined>(undefined);
  const queryRef = useRef(query);
  const unavailableRef = useRef(false);
  const documentCount = useRef(0);
  const listRequest = useRef(0);
  const listTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const refreshList = useCallback(async () => {
    if (unavailableRef.current) return;
    const request = ++listRequest.current;
    const { search, sort, trash } = queryRef.current;
    try {
      const [items, trashed] = await Promise.all([
        api.list({ search, sort, trash, limit: SIDEBAR_LIST_LIMIT }),
        api.list({ trash: true, limit: 1 }),
      ]);
      // Answers to an older query (the person kept typing) are dropped.
      if (request !== listRequest.current) return;
      setList(items);
      setTrashCount(trashed.total);
    } catch (error) {
      if (request === listRequest.current) setNotice({ kind: 'error', text: messageOf(error) });
    }
  }, [api]);

  const refreshListSoon = useCallback(
    (ms = 300) => {
      clearTimeout(listTimer.current);
      listTimer.current = setTimeout(() => void refreshList(), ms);
    },
    [refreshList],
  );

  // Created in an effect: its save reads refs (the editor, the open experiment) when it runs.
  const autosaverRef = useRef<Autosaver<SavedField> | null>(null);
  useEffect(() => {
    const autosaver = new Autosaver<SavedField>({
      save: async (fields) => {
        const open = currentRef.current;
        if (!open) return;
        const patch: Partial<ExperimentFields> = {};
        if (fields.has('source') && editor.current) patch.source = editor.current.state.doc.toString();
        if (fields.has('step')) patch.step = open.step;
        if (fields.has('viewState')) patch.viewState = open.viewState;
        if (open.id === undefined) {
          const source = patch.source ?? editor.current?.state.doc.toString() ?? '';
          const { step, viewState } = open;
          const created = await api.create({ ...patch, step, viewState, source, title: open.title });
          // Still the same draft (not replaced meanwhile): it now has an id.
          if (currentRef.current === open) {
            open.id = created.id;
            setCurrent({ ...open });
            rememberLastOpen(created.id);
          }
        } else {
          await api.update(open.id, patch);
        }
        refreshListSoon();
      },
      onState: (state, error) => {
        setSaveState(state);
        setSaveError(error);
      },
    });
    autosaverRef.current = autosaver;
    return () => {
      autosaver.dispose();
      autosaverRef.current = null;
    };
  }, [api, editor, refreshListSoon]);

  const show = useCallback((open: OpenExperiment, text: string, state: Experiments['saveState']) => {
    currentRef.current = open;
    setCurrent(open);
    setDocument({ key: `document-${++documentCount.current}`, text });
    setSaveState(state);
    setSaveError(undefined);
  }, []);

  const showExperiment = useCallback(
    (experiment: Experiment) => {
      const { id, title, step, viewState, source } = experiment;
      show({ id, title, step, viewState }, source, 'saved');
      rememberLastOpen(id);
    },
    [show],
  );

  const showDraft = useCallback(() => {
    show(
      { id: undefined, title: UNTITLED, step: 0, viewState: {} },
      WELCOME_SNIPPET,
      unavailableRef.current ? 'unavailable' : 'draft',
    );
  }, [show]);

  /** Saves what is unsaved; false (with a notice) if that failed, so the caller must not move on. */
  const settle = useCallback(async (doing: string): Promise<boolean> => {
    try {
      await autosaverRef.current?.flush();
      return true;
    } catch (error) {
      setNotice({
        kind: 'error',
        text: `Could not ${doing}: the open experiment is not saved (${messageOf(error)}).`,
      });
      return false;
    }
  }, []);

  /** Loads an experiment, then (with the open one saved) shows it. */
  const switchTo = useCallback(
    async (doing: string, load: () => Promise<Experiment>) => {
      try {
        const experiment = await load();
        // Shown in the same task as the last save completes: no keystroke can fall in between.
        if (await settle(doing)) showExperiment(experiment);
      } catch (error) {
        setNotice({ kind: 'error', text: messageOf(error) });
      }
      refreshListSoon(0);
    },
    [settle, showExperiment, refreshListSoon],
  );

  // On start: the store's status, then the last open experiment (or a draft).
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      let storeStatus: StoreStatus;
      try {
        storeStatus = await api.status();
      } catch (error) {
        storeStatus = { path: '', unavailable: messageOf(error) };
      }
      if (cancelled) return;
      unavailableRef.current = storeStatus.unavailable !== undefined;
      setStatus(storeStatus);
      if (storeStatus.recovered) {
        const { reason, movedTo } = storeStatus.recovered;
        setNotice({
          kind: 'info',
          text: `The experiments database could not be read (${reason}). It was kept as ${movedTo}; a new one was started.`,
        });
      }
      let last: Experiment | undefined;
      const lastId = storeStatus.unavailable ? undefined : recallLastOpen();
      if (lastId !== undefined) last = await api.get(lastId).catch(() => undefined);
      if (cancelled) return;
      if (last && last.deletedAt === null) showExperiment(last);
      else showDraft();
      void refreshList();
    })();
    return () => {
      cancelled = true;
    };
  }, [api, showExperiment, showDraft, refreshList]);

  const setQuery = useCallback(
    (change: Partial<ExperimentsQuery>) => {
      queryRef.current = { ...queryRef.current, ...change };
      setQueryState(queryRef.current);
      refreshListSoon(change.search !== undefined ? 150 : 0);
    },
    [refreshListSoon],
  );

  const sourceChanged = useCallback(() => {
    if (!unavailableRef.current) autosaverRef.current?.changed('source');
  }, []);

  const updateView = useCallback((change: { step?: number; viewState?: ViewState }) => {
    const open = currentRef.current;
    if (!open) return;
    // Only what differs is a change: coming back to a saved view saves nothing.
    const step = change.step !== undefined && change.step !== open.step ? change.step : undefined;
    const viewState =
      change.viewState !== undefined && JSON.stringify(change.viewState) !== JSON.stringify(open.viewState)
        ? change.viewState
        : undefined;
    if (step === undefined && viewState === undefined) return;
    // Changed in place: a draft's save (which reads this object) then creates it with them.
    if (step !== undefined) open.step = step;
    if (viewState !== undefined) open.viewState = viewState;
    setCurrent({ ...open });
    // Looking around a draft stores nothing; its first save takes the view along.
    if (unavailableRef.current || open.id === undefined) return;
    if (step !== undefined) autosaverRef.current?.changed('step');
    if (viewState !== undefined) autosaverRef.current?.changed('viewState');
  }, []);

  const saveNow = useCallback(() => {
    const autosaver = autosaverRef.current;
    if (unavailableRef.current || !autosaver) return;
    // A draft is created by saving it, changed or not.
    if (currentRef.current?.id === undefined) autosaver.changed('source');
    autosaver.flush().catch(() => {}); // the failure shows in the title bar, and is retried
  }, []);

  // Ctrl/Cmd+S saves now; hiding the page saves what is pending; coming back refreshes the
  // list (another tab or window may have changed it).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || event.altKey || event.shiftKey) return;
      if (!(isMac ? event.metaKey : event.ctrlKey)) return;
      event.preventDefault(); // not the browser's "Save page"
      saveNow();
    };
    const onVisibilityChange = () => {
      if (document.visibilityState === 'hidden') autosaverRef.current?.flush().catch(() => {});
    };
    const onFocus = () => refreshListSoon(0);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('focus', onFocus);
    document.addEventListener('visibilitychange', onVisibilityChange);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('focus', onFocus);
      document.removeEventListener('visibilitychange', onVisibilityChange);
    };
  }, [saveNow, refreshListSoon]);

  const act = useCallback(
    (work: () => Promise<void>) => {
      work()
        .catch((error: unknown) => setNotice({ kind: 'error', text: messageOf(error) }))
        .finally(() => refreshListSoon(0));
    },
    [refreshListSoon],
  );

  return {
    status,
    document: document_,
    current,
    saveState,
    saveError,
    notice,
    list,
    trashCount,
    query,
    setQuery,
    dismissNotice: useCallback(() => setNotice(undefined), []),
    sourceChanged,
    updateView,
    saveNow,
    open: useCallback(
      (id: ExperimentId) => {
        if (id !== currentRef.current?.id) void switchTo('open another experiment', () => api.get(id));
      },
      [api, switchTo],
    ),
    createNew: useCallback(
      () => void switchTo('start a new experiment', () => api.create({ source: '' })),
      [api, switchTo],
    ),
    rename: useCallback(
      (id: ExperimentId, title: string) =>
        act(async () => {
          const summary = await api.rename(id, title);
          const open = currentRef.current;
          if (open?.id === id) {
            currentRef.current = { ...open, title: summary.title };
            setCurrent(currentRef.current);
          }
        }),
      [api, act],
    ),
    duplicate: useCallback(
      (id: ExperimentId) =>
        void switchTo('duplicate it', async () => {
          // The copy must hold the latest text of the open experiment.
          if (id === currentRef.current?.id) await autosaverRef.current?.flush();
          return api.duplicate(id);
        }),
      [api, switchTo],
    ),
    trash: useCallback(
      (id: ExperimentId) =>
        act(async () => {
          if (id !== currentRef.current?.id) return api.trash(id);
          // Its last changes go with it, so that restoring brings them back.
          if (!(await settle('move it to the trash'))) return;
          await api.trash(id);
          showDraft();
        }),
      [api, act, settle, showDraft],
    ),
    restore: useCallback((id: ExperimentId) => act(() => api.restore(id)), [api, act]),
    emptyTrash: useCallback(
      () =>
        act(async () => {
          const count = await api.emptyTrash();
          setNotice({ kind: 'info', text: `Deleted ${count} experiment${count === 1 ? '' : 's'} for good.` });
        }),
      [api, act],
    ),
    exportFile: useCallback(
      (id: ExperimentId) =>
        act(async () => {
          if (id === currentRef.current?.id && !(await settle('export it'))) return;
          const file = await api.exportFile(id);
          download(file.fileName, file.contents);
        }),
      [api, act, settle],
    ),
    importFile: useCallback(
      (file: File) => {
        // UTF-8 takes at most 3 bytes per UTF-16 unit: a larger file is surely over the limit.
        if (file.size > 3 * MAX_EXPERIMENT_FILE_CHARS) {
          setNotice({ kind: 'error', text: `Cannot import ${file.name}: it is too large.` });
          return;
        }
        void switchTo('import it', async () => {
          const text = await file.text();
          if (text.length > MAX_EXPERIMENT_FILE_CHARS)
            throw new Error(`Cannot import ${file.name}: it is too large.`);
          return api.importFile(text);
        });
      },
      [api, switchTo],
    ),
  };
}
