export { createDb, migrationsFolder, type Database, type Db, type DbOptions } from './create-db.js';
export { DataDirInUseError, lockFileName, type LockHolder } from './data-dir-lock.js';
export * from './schema.js';
