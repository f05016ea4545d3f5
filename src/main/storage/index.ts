export { readJsonFile, writeJsonAtomic, type JsonReadOutcome } from './jsonFile';
export { JsonDocument, type JsonDocumentOptions, type UndoStep, type UnreadableFile } from './jsonDocument';
export { defaultUserDataDir } from './paths';
export { removeAbandonedTemporaryFiles } from './temporaryFiles';
