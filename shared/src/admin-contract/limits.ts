// Limits the console and the server both use, in a module without zod: the console's bundle keeps
// every module it imports a value from, and a schema module would bring zod with it.

/** Rooms one progress request may ask about (a bulk link of 1,000 rooms fits in one). */
export const MAX_PROGRESS_ROOMS = 2000;
