export { buildApp } from './app.js';
export type { AppDeps } from './app.js';
export { loadConfig, ConfigError } from './config.js';
export type { Config } from './config.js';
export { AppError, httpStatusOf } from './errors.js';
export type { AppErrorCode } from './errors.js';
