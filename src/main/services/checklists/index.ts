export { ChecklistService, type ChecklistServiceOptions, type StepProgress, type RecordLanguage } from './engine';
export { ChecklistAccounts, type ChecklistAccountsOptions } from './accounts';
export type { ChecklistSession } from './context';
export { checklistsFolderName } from './runs';
