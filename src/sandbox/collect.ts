import { pemBlock, pkcs7Der } from './ca';

/** The collect formats SCM offers; `base64` (PKCS#7, PEM) is the default. */
export const collectFormats = ['x509', 'x509CO', 'base64', 'bin', 'x509IO', 'x509IOR', 'pem', 'pemco', 'pemia', 'x509R'] as const;
export type CollectFormat = (typeof collectFormats)[number];

export function isCollectFormat(value: string): value is CollectFormat {
  return (collectFormats as readonly string[]).includes(value);
}

export interface Chain {
  leaf: string;
  intermediate: string;
  root: string;
}

/**
 * The body SCM sends for each format. The orders differ between formats on
 * purpose, as they do in SCM (`pem` comes root first), so clients must sort.
 */
export function renderCollect(format: CollectFormat, chain: Chain, baseName: string): { body: Buffer; filename: string } {
  const { leaf, intermediate, root } = chain;
  const text = (pems: string[], extension: string) => ({ body: Buffer.from(pems.join('')), filename: `${baseName}.${extension}` });
  switch (format) {
    case 'x509':
      return text([leaf, intermediate, root], 'crt');
    case 'x509R':
      return text([root, intermediate, leaf], 'crt');
    case 'x509CO':
      return text([leaf], 'crt');
    case 'pemco':
      return text([leaf], 'pem');
    case 'x509IO':
      return text([intermediate, root], 'crt');
    case 'x509IOR':
      return text([root, intermediate], 'crt');
    case 'pem':
      return text([root, intermediate, leaf], 'pem');
    case 'pemia':
      return text([leaf, intermediate, root], 'pem');
    case 'base64':
      return { body: Buffer.from(pemBlock('PKCS7', pkcs7Der([leaf, intermediate, root]))), filename: `${baseName}.p7b` };
    case 'bin':
      return { body: pkcs7Der([leaf, intermediate, root]), filename: `${baseName}.p7b` };
  }
}
