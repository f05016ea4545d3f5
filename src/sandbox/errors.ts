/** A failure SCM reports as `{code, description}` with an HTTP status. */
export class ScmError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    readonly description: string,
    /** Extra response headers, such as WWW-Authenticate. */
    readonly headers: Record<string, string> = {},
  ) {
    super(description);
  }
}

export const unknownUser = () => new ScmError(401, -16, 'Unknown user');

export const notAuthorized = (operation: string) => new ScmError(400, -3, `Not authorized to perform ${operation}`);

export const accessDenied = () => new ScmError(400, -37, 'Access denied');

export const requiredField = (field: string) => new ScmError(400, -7, `${field} is required but missing`);

export const invalidField = (field: string, detail = '') =>
  new ScmError(400, -1601, `Field '${field}' has invalid value${detail === '' ? '' : `: ${detail}`}`);

export const cannotParseBody = () => new ScmError(400, -1002, 'Cannot parse message body');
