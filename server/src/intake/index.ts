export { createGroupCommitWriter, type GroupCommitOptions, type GroupCommitWriter } from './group-commit-writer.js';
export {
  createNotificationIntake,
  insertNotifications,
  type InboxNotification,
  type NotificationIntake,
  type NotificationIntakeOptions,
} from './notification-intake.js';
export {
  createNotificationDrainer,
  drainNotifications,
  jobsForNotifications,
  mailboxFromResource,
  type InboxRow,
  type JobSender,
  type NotificationDrainerOptions,
} from './notification-drain.js';
export {
  clientStateHashOf,
  createSubscriptionVerifier,
  isClientStateMatch,
  type SubscriptionSecrets,
  type SubscriptionVerdict,
  type SubscriptionVerifierOptions,
} from './subscription-verifier.js';
