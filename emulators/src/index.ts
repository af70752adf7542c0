// The Graph emulator is exported from here once it lands (issue 3).
export * from './workplace/index.js';
