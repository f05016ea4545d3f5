export { readJsonFile, writeFileAtomic, writeJsonAtomic, type JsonReadOutcome } from './jsonFile';
export { JsonDocument, type JsonDocumentOptions, type UndoStep, type UnreadableFile } from './jsonDocument';
export { AuditLog, type LogChunk } from './auditLog';
export { defaultUserDataDir } from './paths';
export { removeAbandonedTemporaryFiles } from './temporaryFiles';
