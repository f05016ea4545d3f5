import type { AppInfo } from '../../shared/appInfo';
import type { Notices } from './notices';

export interface AppInfoOptions {
  name: string;
  version: string;
  shell: AppInfo['shell'];
  userDataDir: string;
  notices: Notices;
  /** `process.versions` of the process that runs the services. */
  processVersions: NodeJS.ProcessVersions;
}

export function describeApp(options: AppInfoOptions): AppInfo {
  const { processVersions } = options;
  return {
    name: options.name,
    version: options.version,
    shell: options.shell,
    platform: process.platform,
    arch: process.arch,
    versions: {
      node: processVersions.node,
      ...(processVersions.electron === undefined ? {} : { electron: processVersions.electron }),
      ...(processVersions.chrome === undefined ? {} : { chromium: processVersions.chrome }),
    },
    userDataDir: options.userDataDir,
    notices: options.notices.list(),
  };
}
