export * from './graph/index.js';
export * from './workplace/index.js';
