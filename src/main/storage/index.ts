export { readJsonFile, writeJsonAtomic, type JsonReadOutcome } from './jsonFile';
export { defaultUserDataDir } from './paths';
export { removeAbandonedTemporaryFiles } from './temporaryFiles';
