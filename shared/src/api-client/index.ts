// The browser side of our two APIs (the add-in API under /api, the admin API under /admin/api): how a
// caller sends a request with its bearer token, retries once after a 401, and reads the
// `{ error: { code, message } }` body that api-contract defines. The task pane and the admin console
// each add only their own endpoints on top.
//
// Why here and not in a browser package of its own: both apps already depend on @workplace-sync/shared
// (for the contract's types), this code uses nothing but WHATWG fetch, which browsers and Node share (no
// DOM types, so shared still compiles without the DOM library), and the error body it reads is the
// contract's. shared is marked `"sideEffects": false`, so a browser bundle takes only the modules it
// imports: these are free of zod and of the time-zone tables (test/shared/browser-bundles.test.ts).
export * from './api-error.js';
export * from './api-caller.js';
export * from './request-url.js';
export * from './cached-token-source.js';
