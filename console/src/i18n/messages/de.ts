import type { Messages } from './en.js';

export const de: Messages = {
  shell: {
    title: 'Verwaltung der Raumsynchronisierung',
    signedInAs: 'Angemeldet als {{user}}',
    language: 'Sprache',
  },
  start: {
    signInFailed: 'Die Anmeldung ist fehlgeschlagen.',
    notAdmin: 'Kein Administrator.',
    notAdminAdvice:
      '{{reason}}. Bitten Sie darum, zu den Administratoren der Raumsynchronisierung hinzugefügt zu werden (ADMIN_GROUP_ID oder ADMIN_USERS).',
    serverUnreachable: 'Der Server ist nicht erreichbar.',
  },
  views: {
    label: 'Ansichten',
    links: 'Raumverknüpfungen',
    health: 'Zustand',
    log: 'Synchronisierungsprotokoll',
    failed: 'Fehlgeschlagene Elemente',
    cutover: 'Umstellung',
    failedOpen_one: '{{view}} ({{count, number}} offen)',
    failedOpen_other: '{{view}} ({{count, number}} offen)',
  },
  pager: {
    label: 'Seiten von {{list}}',
    showing: '{{first}}–{{last}} von {{total}}',
    previous: 'Zurück',
    next: 'Weiter',
    page: 'Seite {{page}} von {{pages}}',
  },
  progress: {
    state: {
      none: 'Noch nicht synchronisiert',
      queued: 'Erste Synchronisierung in der Warteschlange',
      running: 'Erste Synchronisierung läuft',
      finished: 'Erste Synchronisierung abgeschlossen',
      failed: 'Erste Synchronisierung fehlgeschlagen',
    },
    failedBecause: '{{state}}: {{error}}',
    ofRoom: '{{mailbox}}: {{text}}',
    bookingsSynced_one: '{{synced, number}} von {{count, number}} Buchung synchronisiert',
    bookingsSynced_other: '{{synced, number}} von {{count, number}} Buchungen synchronisiert',
    bulkRooms_one: 'Erste Synchronisierungen: {{finished, number}} von {{count, number}} Raum abgeschlossen',
    bulkRooms_other: 'Erste Synchronisierungen: {{finished, number}} von {{count, number}} Räumen abgeschlossen',
    bulkRoomsWithFailed_one:
      'Erste Synchronisierungen: {{finished, number}} von {{count, number}} Raum abgeschlossen, {{failed, number}} fehlgeschlagen',
    bulkRoomsWithFailed_other:
      'Erste Synchronisierungen: {{finished, number}} von {{count, number}} Räumen abgeschlossen, {{failed, number}} fehlgeschlagen',
  },
};
