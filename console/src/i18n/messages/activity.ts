import type { ConsoleLanguage } from '../console-language.js';
import type { Messages } from './en.js';

// The words of Health's Activity charts (components/activity-charts.tsx), in every language of the
// console, merged under `activity` into each language's messages (console-i18n.ts); the messages test
// holds them to the same rules as the rest.

export const activityMessages: Record<ConsoleLanguage, Messages> = {
  en: {
    heading: 'Activity',
    period: 'Period',
    range: { '24h': '24 hours', '7d': '7 days' },
    loading: 'Loading activity',
    loadingCharts: 'Loading charts',
    showAsTable: 'Show as table',
    hour: 'Hour',
    day: 'Day',
    seconds: '{{value, number}} s',
    directions: { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' },
    latency: {
      title: { hour: 'Change latency per hour', day: 'Change latency per day' },
      note: 'Seconds from a change announced (Outlook notification, Workplace webhook) to the end of the sync run that applied it: half of the changes took less than p50, 99 in 100 less than p99.',
      chart: 'Change latency',
      axis: 'Seconds',
      p50: '{{direction}} p50',
      p99: '{{direction}} p99',
      changes: '{{direction}} changes',
    },
    items: {
      title: {
        hour: 'Backlog, failed and quarantined items per hour',
        day: 'Backlog, failed and quarantined items per day',
      },
      note: {
        hour: 'At the end of each hour (now, for the current one): Outlook notifications received and not yet processed, failed items and quarantined bookings still open.',
        day: 'At the end of each day (now, for today): Outlook notifications received and not yet processed, failed items and quarantined bookings still open.',
      },
      chart: 'Items waiting',
      axis: 'Items',
      backlog: 'Backlog',
      failed: 'Failed',
      quarantined: 'Quarantined',
    },
    notifications: {
      title: { hour: 'Notifications per minute, each hour', day: 'Notifications per minute, each day' },
      note: {
        hour: 'Outlook change and lifecycle notifications received, averaged over each hour (so far, for the current one).',
        day: 'Outlook change and lifecycle notifications received, averaged over each day (so far, for today).',
      },
      count: 'Notifications',
      perMinute: 'Per minute',
    },
    rooms: {
      title: 'Bookings per day, by room',
      note: {
        '24h':
          'Bookings the sync made or matched in each room in the last 24 hours; the {{shown, number}} busiest of {{total, number}} rooms.',
        '7d': 'Bookings the sync made or matched in each room in the last 7 days, per day; the {{shown, number}} busiest of {{total, number}} rooms.',
      },
      room: 'Room',
      bookings: 'Bookings',
      perDay: 'Per day',
      noShowShare: 'Released, no-show',
    },
  },
  fr: {
    heading: 'Activité',
    period: 'Période',
    range: { '24h': '24 heures', '7d': '7 jours' },
    loading: 'Chargement de l’activité',
    loadingCharts: 'Chargement des graphiques',
    showAsTable: 'Afficher en tableau',
    hour: 'Heure',
    day: 'Jour',
    seconds: '{{value, number}} s',
    directions: { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' },
    latency: {
      title: { hour: 'Latence des changements par heure', day: 'Latence des changements par jour' },
      note: 'Secondes entre l’annonce d’un changement (notification Outlook, webhook Workplace) et la fin de la synchronisation qui l’a appliqué : la moitié des changements ont pris moins que p50, 99 sur 100 moins que p99.',
      chart: 'Latence des changements',
      axis: 'Secondes',
      p50: '{{direction}} p50',
      p99: '{{direction}} p99',
      changes: '{{direction}} changements',
    },
    items: {
      title: {
        hour: 'File d’attente, éléments en échec et en quarantaine par heure',
        day: 'File d’attente, éléments en échec et en quarantaine par jour',
      },
      note: {
        hour: 'À la fin de chaque heure (maintenant, pour l’heure en cours) : notifications Outlook reçues et pas encore traitées, éléments en échec et réservations en quarantaine encore ouverts.',
        day: 'À la fin de chaque jour (maintenant, pour aujourd’hui) : notifications Outlook reçues et pas encore traitées, éléments en échec et réservations en quarantaine encore ouverts.',
      },
      chart: 'Éléments en attente',
      axis: 'Éléments',
      backlog: 'File d’attente',
      failed: 'En échec',
      quarantined: 'En quarantaine',
    },
    notifications: {
      title: { hour: 'Notifications par minute, chaque heure', day: 'Notifications par minute, chaque jour' },
      note: {
        hour: 'Notifications Outlook de changement et de cycle de vie reçues, en moyenne sur chaque heure (jusqu’ici, pour l’heure en cours).',
        day: 'Notifications Outlook de changement et de cycle de vie reçues, en moyenne sur chaque jour (jusqu’ici, pour aujourd’hui).',
      },
      count: 'Notifications',
      perMinute: 'Par minute',
    },
    rooms: {
      title: 'Réservations par jour, par salle',
      note: {
        '24h':
          'Réservations que la synchronisation a créées ou rapprochées dans chaque salle au cours des dernières 24 heures ; les {{shown, number}} plus actives sur {{total, number}} salles.',
        '7d': 'Réservations que la synchronisation a créées ou rapprochées dans chaque salle au cours des 7 derniers jours, par jour ; les {{shown, number}} plus actives sur {{total, number}} salles.',
      },
      room: 'Salle',
      bookings: 'Réservations',
      perDay: 'Par jour',
      noShowShare: 'Libérées, absence',
    },
  },
  nl: {
    heading: 'Activiteit',
    period: 'Periode',
    range: { '24h': '24 uur', '7d': '7 dagen' },
    loading: 'Activiteit laden',
    loadingCharts: 'Grafieken laden',
    showAsTable: 'Als tabel tonen',
    hour: 'Uur',
    day: 'Dag',
    seconds: '{{value, number}} s',
    directions: { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' },
    latency: {
      title: { hour: 'Wijzigingslatentie per uur', day: 'Wijzigingslatentie per dag' },
      note: 'Seconden van een aangekondigde wijziging (Outlook-melding, Workplace-webhook) tot het einde van de synchronisatie die ze toepaste: de helft van de wijzigingen duurde korter dan p50, 99 op 100 korter dan p99.',
      chart: 'Wijzigingslatentie',
      axis: 'Seconden',
      p50: '{{direction}} p50',
      p99: '{{direction}} p99',
      changes: '{{direction}} wijzigingen',
    },
    items: {
      title: {
        hour: 'Achterstand, mislukte items en items in quarantaine per uur',
        day: 'Achterstand, mislukte items en items in quarantaine per dag',
      },
      note: {
        hour: 'Aan het einde van elk uur (nu, voor het lopende uur): ontvangen en nog niet verwerkte Outlook-meldingen, mislukte items en boekingen in quarantaine die nog open zijn.',
        day: 'Aan het einde van elke dag (nu, voor vandaag): ontvangen en nog niet verwerkte Outlook-meldingen, mislukte items en boekingen in quarantaine die nog open zijn.',
      },
      chart: 'Wachtende items',
      axis: 'Items',
      backlog: 'Achterstand',
      failed: 'Mislukt',
      quarantined: 'In quarantaine',
    },
    notifications: {
      title: { hour: 'Meldingen per minuut, elk uur', day: 'Meldingen per minuut, elke dag' },
      note: {
        hour: 'Ontvangen Outlook-wijzigings- en levenscyclusmeldingen, gemiddeld over elk uur (tot nu toe, voor het lopende uur).',
        day: 'Ontvangen Outlook-wijzigings- en levenscyclusmeldingen, gemiddeld over elke dag (tot nu toe, voor vandaag).',
      },
      count: 'Meldingen',
      perMinute: 'Per minuut',
    },
    rooms: {
      title: 'Boekingen per dag, per zaal',
      note: {
        '24h':
          'Boekingen die de synchronisatie in de laatste 24 uur in elke zaal maakte of koppelde; de {{shown, number}} drukste van {{total, number}} zalen.',
        '7d': 'Boekingen die de synchronisatie in de laatste 7 dagen in elke zaal maakte of koppelde, per dag; de {{shown, number}} drukste van {{total, number}} zalen.',
      },
      room: 'Zaal',
      bookings: 'Boekingen',
      perDay: 'Per dag',
      noShowShare: 'Vrijgegeven, niet komen opdagen',
    },
  },
  de: {
    heading: 'Aktivität',
    period: 'Zeitraum',
    range: { '24h': '24 Stunden', '7d': '7 Tage' },
    loading: 'Aktivität wird geladen',
    loadingCharts: 'Diagramme werden geladen',
    showAsTable: 'Als Tabelle anzeigen',
    hour: 'Stunde',
    day: 'Tag',
    seconds: '{{value, number}} s',
    directions: { 'exchange-to-workplace': 'Outlook → Workplace', 'workplace-to-exchange': 'Workplace → Outlook' },
    latency: {
      title: { hour: 'Änderungslatenz pro Stunde', day: 'Änderungslatenz pro Tag' },
      note: 'Sekunden von einer gemeldeten Änderung (Outlook-Benachrichtigung, Workplace-Webhook) bis zum Ende des Synchronisationslaufs, der sie übernommen hat: die Hälfte der Änderungen dauerte kürzer als p50, 99 von 100 kürzer als p99.',
      chart: 'Änderungslatenz',
      axis: 'Sekunden',
      p50: '{{direction}} p50',
      p99: '{{direction}} p99',
      changes: '{{direction}} Änderungen',
    },
    items: {
      title: {
        hour: 'Rückstand, fehlgeschlagene und unter Quarantäne gestellte Elemente pro Stunde',
        day: 'Rückstand, fehlgeschlagene und unter Quarantäne gestellte Elemente pro Tag',
      },
      note: {
        hour: 'Am Ende jeder Stunde (jetzt, für die laufende): empfangene und noch nicht verarbeitete Outlook-Benachrichtigungen, offene fehlgeschlagene Elemente und Buchungen in Quarantäne.',
        day: 'Am Ende jedes Tages (jetzt, für heute): empfangene und noch nicht verarbeitete Outlook-Benachrichtigungen, offene fehlgeschlagene Elemente und Buchungen in Quarantäne.',
      },
      chart: 'Wartende Elemente',
      axis: 'Elemente',
      backlog: 'Rückstand',
      failed: 'Fehlgeschlagen',
      quarantined: 'In Quarantäne',
    },
    notifications: {
      title: { hour: 'Benachrichtigungen pro Minute, je Stunde', day: 'Benachrichtigungen pro Minute, je Tag' },
      note: {
        hour: 'Empfangene Outlook-Änderungs- und Lebenszyklusbenachrichtigungen, gemittelt über jede Stunde (bisher, für die laufende).',
        day: 'Empfangene Outlook-Änderungs- und Lebenszyklusbenachrichtigungen, gemittelt über jeden Tag (bisher, für heute).',
      },
      count: 'Benachrichtigungen',
      perMinute: 'Pro Minute',
    },
    rooms: {
      title: 'Buchungen pro Tag, nach Raum',
      note: {
        '24h':
          'Buchungen, die die Synchronisation in den letzten 24 Stunden in jedem Raum angelegt oder zugeordnet hat; die {{shown, number}} meistgebuchten von {{total, number}} Räumen.',
        '7d': 'Buchungen, die die Synchronisation in den letzten 7 Tagen in jedem Raum angelegt oder zugeordnet hat, pro Tag; die {{shown, number}} meistgebuchten von {{total, number}} Räumen.',
      },
      room: 'Raum',
      bookings: 'Buchungen',
      perDay: 'Pro Tag',
      noShowShare: 'Freigegeben, nicht erschienen',
    },
  },
};
