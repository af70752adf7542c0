import type { Messages } from './en.js';

export const fr: Messages = {
  shell: {
    title: 'Administration de la synchronisation des salles',
    signedInAs: 'Connecté en tant que {{user}}',
    language: 'Langue',
  },
  start: {
    signInFailed: 'La connexion a échoué.',
    notAdmin: 'Vous n’êtes pas administrateur.',
    notAdminAdvice:
      '{{reason}}. Demandez à être ajouté aux administrateurs de la synchronisation des salles (ADMIN_GROUP_ID ou ADMIN_USERS).',
    serverUnreachable: 'Le serveur est injoignable.',
  },
  views: {
    label: 'Vues',
    links: 'Liens des salles',
    health: 'État',
    log: 'Journal de synchronisation',
    failed: 'Éléments en échec',
    cutover: 'Bascule',
    failedOpen_one: '{{view}} ({{count, number}} ouvert)',
    failedOpen_many: '{{view}} ({{count, number}} ouverts)',
    failedOpen_other: '{{view}} ({{count, number}} ouverts)',
  },
  pager: {
    label: 'Pages de {{list}}',
    showing: '{{first}}–{{last}} sur {{total}}',
    previous: 'Précédent',
    next: 'Suivant',
    page: 'Page {{page}} sur {{pages}}',
  },
  progress: {
    state: {
      none: 'Pas encore synchronisée',
      queued: 'Première synchronisation en attente',
      running: 'Première synchronisation en cours',
      finished: 'Première synchronisation terminée',
      failed: 'Première synchronisation en échec',
    },
    failedBecause: '{{state}} : {{error}}',
    ofRoom: '{{mailbox}} : {{text}}',
    bookingsSynced_one: '{{synced, number}} réservation synchronisée sur {{count, number}}',
    bookingsSynced_many: '{{synced, number}} réservations synchronisées sur {{count, number}}',
    bookingsSynced_other: '{{synced, number}} réservations synchronisées sur {{count, number}}',
    bulkRooms_one: 'Premières synchronisations : {{finished, number}} salle terminée sur {{count, number}}',
    bulkRooms_many: 'Premières synchronisations : {{finished, number}} salles terminées sur {{count, number}}',
    bulkRooms_other: 'Premières synchronisations : {{finished, number}} salles terminées sur {{count, number}}',
    bulkRoomsWithFailed_one:
      'Premières synchronisations : {{finished, number}} salle terminée sur {{count, number}}, {{failed, number}} en échec',
    bulkRoomsWithFailed_many:
      'Premières synchronisations : {{finished, number}} salles terminées sur {{count, number}}, {{failed, number}} en échec',
    bulkRoomsWithFailed_other:
      'Premières synchronisations : {{finished, number}} salles terminées sur {{count, number}}, {{failed, number}} en échec',
  },
};
