export { Notices } from './notices';
export { createSettingsService, settingsFileName, type SettingsService } from './settings';
export { describeApp, type AppInfoOptions } from './appInfo';
export { createExternalLinkOpener, type OpenInSystemBrowser } from './externalLinks';
