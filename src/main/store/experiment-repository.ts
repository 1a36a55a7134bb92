/**
 * Experiments in the database: create, read, list (search and sort), save, rename, duplicate,
 * trash and restore. Arguments arrive validated (experiment-schemas.ts); every write is one
 * transaction. Deleting is soft: an experiment goes to the trash (`deleted_at` set) and only
 * `emptyTrash` removes rows.
 */

import {
  DEFAULT_ENGINE_SETTINGS,
  MAX_LIST_LIMIT,
  MAX_TITLE_CHARS,
  UNTITLED,
  type Experiment,
  type ExperimentFields,
  type ExperimentId,
  type ExperimentList,
  type ExperimentListQuery,
  type ExperimentSort,
  type ExperimentSummary,
} from '../../shared/experiment';
import { LabError } from '../../shared/lab-error';
import type { StoreConnection } from './connection';
import { sourcePreview } from './source-preview';
import type { Statement } from 'better-sqlite3';

interface SummaryRow {
  id: number;
  title: string;
  preview: string;
  step: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

interface ExperimentRow extends SummaryRow {
  source: string;
  notes: string;
  engine: string;
  view_state: string;
}

const SUMMARY_COLUMNS = 'e.id, e.title, e.preview, e.step, e.created_at, e.updated_at, e.deleted_at';

const ORDER_BY: Record<ExperimentSort, string> = {
  updated: 'e.updated_at DESC, e.id DESC',
  created: 'e.created_at DESC, e.id DESC',
  title: 'e.title COLLATE NOCASE ASC, e.id ASC',
};

/** The title shown for `title`: trimmed, and never empty. */
export function normalizeTitle(title: string): string {
  return title.trim() || UNTITLED;
}

export class ExperimentRepository {
  readonly #connection: StoreConnection;
  readonly #now: () => number;
  readonly #listStatements = new Map<string, { items: Statement; count: Statement }>();
  readonly #sql;

  constructor(connection: StoreConnection, now: () => number = Date.now) {
    this.#connection = connection;
    this.#now = now;
    const db = connection.db;
    this.#sql = {
      insert: db.prepare(
        `INSERT INTO experiments (title, preview, step, created_at, updated_at)
         VALUES (@title, @preview, @step, @createdAt, @updatedAt)`,
      ),
      insertContents: db.prepare(
        `INSERT INTO experiment_contents (experiment_id, source, notes, engine, view_state)
         VALUES (@id, @source, @notes, @engine, @viewState)`,
      ),
      get: db.prepare(
        `SELECT ${SUMMARY_COLUMNS}, c.source, c.notes, c.engine, c.view_state
         FROM experiments e JOIN experiment_contents c ON c.experiment_id = e.id WHERE e.id = ?`,
      ),
      summary: db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM experiments e WHERE e.id = ?`),
      touch: db.prepare('UPDATE experiments SET updated_at = ? WHERE id = ?'),
      setTitle: db.prepare('UPDATE experiments SET title = ? WHERE id = ?'),
      setStep: db.prepare('UPDATE experiments SET step = ? WHERE id = ?'),
      setSource: db.prepare('UPDATE experiment_contents SET source = ? WHERE experiment_id = ?'),
      setPreview: db.prepare('UPDATE experiments SET preview = ? WHERE id = ?'),
      setNotes: db.prepare('UPDATE experiment_contents SET notes = ? WHERE experiment_id = ?'),
      setEngine: db.prepare('UPDATE experiment_contents SET engine = ? WHERE experiment_id = ?'),
      setViewState: db.prepare('UPDATE experiment_contents SET view_state = ? WHERE experiment_id = ?'),
      setDeleted: db.prepare('UPDATE experiments SET deleted_at = ? WHERE id = ?'),
      emptyTrash: db.prepare('DELETE FROM experiments WHERE deleted_at IS NOT NULL'),
    };
  }

  create(fields: Partial<ExperimentFields> = {}, createdAt?: number): Experiment {
    const now = this.#now();
    const complete: ExperimentFields = {
      title: normalizeTitle(fields.title ?? ''),
      source: fields.source ?? '',
      engine: fields.engine ?? DEFAULT_ENGINE_SETTINGS,
      notes: fields.notes ?? '',
      step: fields.step ?? 0,
      viewState: fields.viewState ?? {},
    };
    const id = this.#connection.write(() => {
      const { lastInsertRowid } = this.#sql.insert.run({
        title: complete.title,
        preview: sourcePreview(complete.source),
        step: complete.step,
        createdAt: createdAt ?? now,
        updatedAt: now,
      });
      this.#sql.insertContents.run({
        id: lastInsertRowid,
        source: complete.source,
        notes: complete.notes,
        engine: JSON.stringify(complete.engine),
        viewState: JSON.stringify(complete.viewState),
      });
      return Number(lastInsertRowid);
    });
    return this.get(id);
  }

  /** The experiment, also when it is in the trash. */
  get(id: ExperimentId): Experiment {
    const row = this.#sql.get.get(id) as ExperimentRow | undefined;
    if (!row) throw notFound(id);
    return {
      id: row.id,
      title: row.title,
      source: row.source,
      engine: JSON.parse(row.engine) as Experiment['engine'],
      notes: row.notes,
      step: row.step,
      viewState: JSON.parse(row.view_state) as Experiment['viewState'],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
    };
  }

  list(query: ExperimentListQuery = {}): ExperimentList {
    const { search = '', sort = 'updated', trash = false, limit = MAX_LIST_LIMIT, offset = 0 } = query;
    const statements = this.#listStatementsFor(sort, trash, search !== '');
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const parameters = search === '' ? {} : { pattern };
    return this.#connection.read(() => ({
      items: (statements.items.all({ ...parameters, limit, offset }) as SummaryRow[]).map(toSummary),
      total: (statements.count.get(parameters) as { total: number }).total,
    }));
  }

  /** Saves the fields in `patch` (autosave); the experiment must not be in the trash. */
  update(id: ExperimentId, patch: Partial<ExperimentFields>): ExperimentSummary {
    return this.#connection.write(() => {
      this.#requireLive(id);
      const { title, source, engine, notes, step, viewState } = patch;
      if (title !== undefined) this.#sql.setTitle.run(normalizeTitle(title), id);
      if (step !== undefined) this.#sql.setStep.run(step, id);
      if (source !== undefined) {
        this.#sql.setSource.run(source, id);
        this.#sql.setPreview.run(sourcePreview(source), id);
      }
      if (notes !== undefined) this.#sql.setNotes.run(notes, id);
      if (engine !== undefined) this.#sql.setEngine.run(JSON.stringify(engine), id);
      if (viewState !== undefined) this.#sql.setViewState.run(JSON.stringify(viewState), id);
      this.#sql.touch.run(this.#now(), id);
      return this.#summary(id);
    });
  }

  rename(id: ExperimentId, title: string): ExperimentSummary {
    return this.update(id, { title });
  }

  duplicate(id: ExperimentId): Experiment {
    const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, ...fields } = this.get(id);
    const suffix = ' (copy)';
    const title = fields.title.slice(0, MAX_TITLE_CHARS - suffix.length).trimEnd() + suffix;
    return this.create({ ...fields, title });
  }

  trash(id: ExperimentId): void {
    this.#connection.write(() => {
      this.#requireLive(id);
      this.#sql.setDeleted.run(this.#now(), id);
    });
  }

  restore(id: ExperimentId): void {
    this.#connection.write(() => {
      const summary = this.#summary(id);
      if (summary.deletedAt === null) return; // already restored: nothing to do
      this.#sql.setDeleted.run(null, id);
      this.#sql.touch.run(this.#now(), id);
    });
  }

  /** Deletes every experiment in the trash, for good; returns how many there were. */
  emptyTrash(): number {
    // The contents go with them (ON DELETE CASCADE).
    return this.#connection.write(() => this.#sql.emptyTrash.run().changes);
  }

  #summary(id: ExperimentId): ExperimentSummary {
    const row = this.#sql.summary.get(id) as SummaryRow | undefined;
    if (!row) throw notFound(id);
    return toSummary(row);
  }

  #requireLive(id: ExperimentId): void {
    if (this.#summary(id).deletedAt !== null) {
      throw new LabError('NotFound', `Experiment ${id} is in the trash: restore it first.`);
    }
  }

  #listStatementsFor(sort: ExperimentSort, trash: boolean, searching: boolean) {
    const key = `${sort}/${trash}/${searching}`;
    let statements = this.#listStatements.get(key);
    if (!statements) {
      const from = searching
        ? 'experiments e JOIN experiment_contents c ON c.experiment_id = e.id'
        : 'experiments e';
      const where = [
        trash ? 'e.deleted_at IS NOT NULL' : 'e.deleted_at IS NULL',
        ...(searching
          ? [
              String.raw`(e.title LIKE :pattern ESCAPE '\' OR c.notes LIKE :pattern ESCAPE '\' OR c.source LIKE :pattern ESCAPE '\')`,
            ]
          : []),
      ].join(' AND ');
      const db = this.#connection.db;
      statements = {
        items: db.prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM ${from} WHERE ${where} ORDER BY ${ORDER_BY[sort]} LIMIT :limit OFFSET :offset`,
        ),
        count: db.prepare(`SELECT count(*) AS total FROM ${from} WHERE ${where}`),
      };
      this.#listStatements.set(key, statements);
    }
    return statements;
  }
}

function toSummary(row: SummaryRow): ExperimentSummary {
  return {
    id: row.id,
    title: row.title,
    preview: row.preview,
    step: row.step,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

function notFound(id: ExperimentId): LabError {
  return new LabError('NotFound', `There is no experiment ${id}.`);
}
