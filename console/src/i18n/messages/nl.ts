import type { Messages } from './en.js';

export const nl: Messages = {
  shell: {
    title: 'Beheer van de zaalsynchronisatie',
    signedInAs: 'Aangemeld als {{user}}',
    language: 'Taal',
  },
  start: {
    signInFailed: 'Aanmelden is mislukt.',
    notAdmin: 'Geen beheerder.',
    notAdminAdvice:
      '{{reason}}. Vraag om toegevoegd te worden aan de beheerders van de zaalsynchronisatie (ADMIN_GROUP_ID of ADMIN_USERS).',
    serverUnreachable: 'De server is niet bereikbaar.',
  },
  views: {
    label: 'Weergaven',
    links: 'Zaalkoppelingen',
    health: 'Status',
    log: 'Synchronisatielogboek',
    failed: 'Mislukte items',
    cutover: 'Overstap',
    failedOpen_one: '{{view}} ({{count, number}} open)',
    failedOpen_other: '{{view}} ({{count, number}} open)',
  },
  pager: {
    label: 'Pagina’s van {{list}}',
    showing: '{{first}}–{{last}} van {{total}}',
    previous: 'Vorige',
    next: 'Volgende',
    page: 'Pagina {{page}} van {{pages}}',
  },
  progress: {
    state: {
      none: 'Nog niet gesynchroniseerd',
      queued: 'Eerste synchronisatie in de wachtrij',
      running: 'Eerste synchronisatie bezig',
      finished: 'Eerste synchronisatie voltooid',
      failed: 'Eerste synchronisatie mislukt',
    },
    failedBecause: '{{state}}: {{error}}',
    ofRoom: '{{mailbox}}: {{text}}',
    bookingsSynced_one: '{{synced, number}} van {{count, number}} reservering gesynchroniseerd',
    bookingsSynced_other: '{{synced, number}} van {{count, number}} reserveringen gesynchroniseerd',
    bulkRooms_one: 'Eerste synchronisaties: {{finished, number}} van {{count, number}} zaal voltooid',
    bulkRooms_other: 'Eerste synchronisaties: {{finished, number}} van {{count, number}} zalen voltooid',
    bulkRoomsWithFailed_one:
      'Eerste synchronisaties: {{finished, number}} van {{count, number}} zaal voltooid, {{failed, number}} mislukt',
    bulkRoomsWithFailed_other:
      'Eerste synchronisaties: {{finished, number}} van {{count, number}} zalen voltooid, {{failed, number}} mislukt',
  },
};
