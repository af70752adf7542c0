import fc from 'fast-check';

// On CI (CI=true) every property test draws the same sequences, so a landing is decided by the code,
// never by the draw; locally each run draws new ones (that is how they find bugs). A failure prints
// its seed and path either way; `fc.assert(..., { seed, path })` replays it.
if (process.env['CI'] === 'true') fc.configureGlobal({ seed: 20_261_126 });
