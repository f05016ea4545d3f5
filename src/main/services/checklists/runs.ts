import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { checklistRunSchema, stepFinished, type ChecklistRun, type RunSummary } from '../../../shared/checklists';
import { profileIdSchema } from '../../../shared/profiles';
import { JsonDocument, type UnreadableFile } from '../../storage';

const runsFileSchema = z.object({ version: z.literal(1), runs: z.array(checklistRunSchema) });
type RunsFile = z.infer<typeof runsFileSchema>;

/** The folder of run files in the user-data folder: one file per profile. */
export const checklistsFolderName = 'checklists';

export function summariseRun(run: ChecklistRun): RunSummary {
  return {
    id: run.id,
    checklistId: run.checklistId,
    profileId: run.profileId,
    profileName: run.profileName,
    tenant: run.tenant,
    startedBy: run.startedBy,
    createdAt: run.createdAt,
    updatedAt: run.updatedAt,
    finishedAt: run.finishedAt,
    target: run.target,
    status: run.status,
    stepsDone: run.steps.filter((step) => stepFinished(step.state)).length,
    stepCount: run.steps.length,
  };
}

/**
 * The checklist runs, in `checklists/<profile id>.json`: each file written
 * atomically after every change of a run, so a crash loses nothing a step
 * finished. The app and `tcs-admin` read the same files.
 */
export class RunStore {
  readonly #folder: string;
  readonly #documents = new Map<string, JsonDocument<RunsFile>>();
  /** Each file's modification time as this process last read or wrote it. */
  readonly #seen = new Map<string, number>();
  readonly #onUnreadable: ((problem: UnreadableFile) => void) | undefined;

  constructor(userDataDir: string, onUnreadable?: (problem: UnreadableFile) => void) {
    this.#folder = join(userDataDir, checklistsFolderName);
    this.#onUnreadable = onUnreadable;
  }

  #document(profileId: string): JsonDocument<RunsFile> {
    profileIdSchema.parse(profileId);
    let document = this.#documents.get(profileId);
    if (document === undefined) {
      document = new JsonDocument({
        path: join(this.#folder, `${profileId}.json`),
        schema: runsFileSchema,
        initial: () => ({ version: 1, runs: [] }),
        ...(this.#onUnreadable === undefined ? {} : { onUnreadable: this.#onUnreadable }),
      });
      this.#documents.set(profileId, document);
    }
    return document;
  }

  /**
   * A profile's runs as the file holds them now: read again when another
   * process (the command line beside the app, or the app beside it) wrote it since.
   */
  async #current(profileId: string): Promise<RunsFile> {
    const document = this.#document(profileId);
    const modified = await stat(document.path).then((found) => found.mtimeMs, () => undefined);
    const seen = this.#seen.get(profileId);
    const file = modified !== undefined && seen !== undefined && modified !== seen ? await document.reload() : await document.read();
    if (modified !== undefined) this.#seen.set(profileId, modified);
    return file;
  }

  async #change<R>(profileId: string, apply: (file: RunsFile) => R): Promise<R> {
    await this.#current(profileId);
    const document = this.#document(profileId);
    const result = await document.change(apply);
    this.#seen.set(profileId, (await stat(document.path)).mtimeMs);
    return result;
  }

  /** The profiles that have run files. */
  async #profileIds(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.#folder);
    } catch {
      return [];
    }
    return names.flatMap((name) => {
      const match = /^([a-z0-9-]{1,64})\.json$/.exec(name);
      return match === null ? [] : [match[1]!];
    });
  }

  async list(profileId?: string): Promise<ChecklistRun[]> {
    const ids = profileId === undefined ? await this.#profileIds() : [profileId];
    const runs: ChecklistRun[] = [];
    for (const id of ids) runs.push(...(await this.#current(id)).runs);
    return runs.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async find(runId: string): Promise<ChecklistRun | undefined> {
    for (const id of await this.#profileIds()) {
      const run = (await this.#current(id)).runs.find((candidate) => candidate.id === runId);
      if (run !== undefined) return run;
    }
    return undefined;
  }

  async add(run: ChecklistRun): Promise<void> {
    await this.#change(run.profileId, (file) => {
      file.runs.push(run);
    });
  }

  /** Changes one run; `apply` gets a copy and its result is written before it counts. */
  async update(run: Pick<ChecklistRun, 'id' | 'profileId'>, apply: (draft: ChecklistRun) => void): Promise<ChecklistRun> {
    return this.#change(run.profileId, (file) => {
      const draft = file.runs.find((candidate) => candidate.id === run.id);
      if (draft === undefined) throw new Error(`no run ${run.id}`);
      apply(draft);
      return structuredClone(draft);
    });
  }

  async remove(run: Pick<ChecklistRun, 'id' | 'profileId'>): Promise<void> {
    await this.#change(run.profileId, (file) => {
      file.runs = file.runs.filter((candidate) => candidate.id !== run.id);
    });
  }
}
