// The console's words in English, the source language: every other language has exactly these keys
// (plural forms as its own plural rules need them) and the same {{placeholders}}. Room, area and
// mailbox names, and the server's own error messages, are data and never appear here.

export const en = {
  shell: {
    title: 'Room sync admin',
    signedInAs: 'Signed in as {{user}}',
    language: 'Language',
  },
  start: {
    signInFailed: 'Sign-in failed.',
    notAdmin: 'Not an administrator.',
    notAdminAdvice: '{{reason}}. Ask to be added to the room-sync administrators (ADMIN_GROUP_ID or ADMIN_USERS).',
    serverUnreachable: 'The server could not be reached.',
  },
  views: {
    label: 'Views',
    links: 'Room links',
    health: 'Health',
    log: 'Sync log',
    failed: 'Failed items',
    cutover: 'Cutover',
    failedOpen_one: '{{view}} ({{count, number}} open)',
    failedOpen_other: '{{view}} ({{count, number}} open)',
  },
  pager: {
    label: '{{list}} pages',
    showing: 'Showing {{first}}–{{last}} of {{total}}',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {{page}} of {{pages}}',
  },
  progress: {
    state: {
      none: 'No sync yet',
      queued: 'First sync queued',
      running: 'First sync running',
      finished: 'First sync finished',
      failed: 'First sync failed',
    },
    failedBecause: '{{state}}: {{error}}',
    ofRoom: '{{mailbox}}: {{text}}',
    bookingsSynced_one: '{{synced, number}} of {{count, number}} booking synced',
    bookingsSynced_other: '{{synced, number}} of {{count, number}} bookings synced',
    bulkRooms_one: 'First syncs: {{finished, number}} of {{count, number}} room finished',
    bulkRooms_other: 'First syncs: {{finished, number}} of {{count, number}} rooms finished',
    bulkRoomsWithFailed_one: 'First syncs: {{finished, number}} of {{count, number}} room finished, {{failed, number}} failed',
    bulkRoomsWithFailed_other:
      'First syncs: {{finished, number}} of {{count, number}} rooms finished, {{failed, number}} failed',
  },
};

/** The shape every language's messages have (plural keys may differ in their forms). */
export type Messages = { [key: string]: string | Messages };
