/** A failure answered with Graph's error body: `{ error: { code, message, innerError } }`. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

// Codes and messages as the real service returns them (reference/graph.md §0 and fixtures/graph/observed).
export const itemNotFound = () =>
  new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');

export const invalidUser = (user: string) =>
  new GraphError(404, 'ErrorInvalidUser', `The requested user '${user}' is invalid.`);

export const invalidRequest = (message: string) => new GraphError(400, 'ErrorInvalidRequest', message);

export const badRequest = (message: string) => new GraphError(400, 'BadRequest', message);

export const accessDenied = (message = 'Access is denied. Check credentials and try again.') =>
  new GraphError(403, 'ErrorAccessDenied', message);

// Directory (Entra) resources answer with their own codes, not Exchange's (docs/emulators-graph.md, [USER-GET]).
export const resourceNotFound = (id: string) =>
  new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
  );

export const insufficientPrivileges = () =>
  new GraphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');

export const directoryBadRequest = (message: string) => new GraphError(400, 'Request_BadRequest', message);

export const missingTimeWindow = () =>
  new GraphError(
    400,
    'ErrorInvalidParameter',
    'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
  );

export const invalidAuthenticationToken = (message: string) =>
  new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });

export type GraphErrorBody = {
  error: {
    code: string;
    message: string;
    innerError: { date: string; 'request-id': string; 'client-request-id': string };
  };
};
