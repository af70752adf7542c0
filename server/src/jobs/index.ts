export type {
  Job,
  JobData,
  JobHandler,
  JobPayloads,
  JobQueue,
  JobRequest,
  QueueName,
  ScheduleOptions,
  SendOptions,
  StopOptions,
  WorkOptions,
} from './job-queue.js';
export { createSqlJobQueue, type JobQueueErrorContext, type SqlJobQueueOptions } from './sql-job-queue.js';
export { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './retry-policy.js';
export {
  syncJobPolicies,
  workplaceFeedKey,
  type RoomResyncReason,
  type SyncJobName,
  type SyncJobQueue,
  type SyncJobRequest,
  type SyncJobs,
} from './sync-jobs.js';
