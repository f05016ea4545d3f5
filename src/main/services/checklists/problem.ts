import type { ChecklistMessage } from '../../../shared/checklists';
import type { AppError, ErrorKind } from '../../../shared/result';

/**
 * A step that cannot go on, in the checklist's own words: what is wrong, and
 * where the handbook says what to do. The step fails with it; nothing after it
 * runs until it is tried again.
 */
export class StepProblem extends Error {
  constructor(
    readonly problem: ChecklistMessage,
    readonly kind: ErrorKind = 'validation',
    readonly anchor?: string,
  ) {
    super(problem.text);
    this.name = 'StepProblem';
  }

  toAppError(): AppError {
    return { kind: this.kind, message: this.problem.text, ...(this.anchor === undefined ? {} : { anchor: this.anchor }) };
  }
}
