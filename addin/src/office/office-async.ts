/** A failed Office.js call: `name` is Office's error name (e.g. 'ItemNotSaved'), `code` its number. */
export class OfficeError extends Error {
  override readonly name = 'OfficeError';
  constructor(
    readonly code: number,
    readonly officeName: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The one wrapper of Office's callback APIs. The callback only settles the promise and never throws:
 * a throw inside an Office callback would be swallowed by Office while the caller waits forever.
 */
export function officeAsync<T>(call: (done: (result: Office.AsyncResult<T>) => void) => void): Promise<T> {
  // Read now: the callback may run after the page (or a test) tore Office down.
  const succeeded = Office.AsyncResultStatus.Succeeded;
  return new Promise<T>((resolve, reject) => {
    try {
      call((result) => {
        if (result.status === succeeded) resolve(result.value);
        else {
          const error = result.error;
          reject(new OfficeError(error?.code ?? 0, error?.name ?? 'Unknown', error?.message ?? 'Office call failed'));
        }
      });
    } catch (error) {
      // Some clients throw synchronously (e.g. an API not in this client's requirement set).
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
