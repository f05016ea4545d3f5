import packageJson from '../../package.json';

/** The product's name and version, from package.json, for every shell. */
export const product = {
  name: packageJson.productName,
  version: packageJson.version,
} as const;
