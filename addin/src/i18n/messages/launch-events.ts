// The event handlers' words (launch-events/): notifications on the item (Outlook cuts them at 150
// characters, so they stay short) and the Smart Alert before sending. Apart from the pane's messages:
// launch-events.js holds only these (under `launchEvents`, launch-event-handlers.ts), the pane none of
// them; the messages test checks them as it checks the pane's.

const en = {
  moved: 'Workplace: {{room}} is held for the new time.',
  heldAgain: 'Workplace: the hold on {{room}} had ended; {{room}} is held again.',
  releasedTaken: 'Workplace: {{room}} is taken at the new time. It was released and removed; pick another room.',
  releasedNotBookable:
    'Workplace: {{room}} cannot be booked at the new time. It was released and removed; pick another room.',
  notUpdated: 'Workplace: the hold on {{room}} could not follow this change. Open Workplace rooms to check it.',
  sendBlocked:
    '{{room}} is not reserved for this meeting: {{reason}}. The room would get an invitation that Workplace has not reserved. Pick another room, or send anyway.',
  sendReason: {
    expired: 'its hold ended before the meeting was sent',
    cancelled: 'its reservation was cancelled',
    taken: 'someone else has it at this time',
    'not-bookable': 'it cannot be booked at this time',
  },
  pickAnotherRoom: 'Pick another room',
};

const fr = {
  moved: 'Workplace : {{room}} est retenue pour le nouvel horaire.',
  heldAgain: 'Workplace : la retenue de {{room}} avait pris fin ; {{room}} est de nouveau retenue.',
  releasedTaken:
    'Workplace : {{room}} est prise au nouvel horaire. Elle a été libérée et retirée ; choisissez une autre salle.',
  releasedNotBookable:
    'Workplace : {{room}} n’est pas réservable au nouvel horaire. Elle a été libérée et retirée ; choisissez-en une autre.',
  notUpdated: 'Workplace : la retenue de {{room}} n’a pas pu suivre ce changement. Ouvrez Salles Workplace.',
  sendBlocked:
    '{{room}} n’est pas réservée pour cette réunion : {{reason}}. La salle recevrait une invitation que Workplace n’a pas réservée. Choisissez une autre salle, ou envoyez quand même.',
  sendReason: {
    expired: 'sa retenue a pris fin avant l’envoi de la réunion',
    cancelled: 'sa réservation a été annulée',
    taken: 'quelqu’un d’autre l’a réservée à cette heure',
    'not-bookable': 'elle n’est pas réservable à cette heure',
  },
  pickAnotherRoom: 'Choisir une autre salle',
};

const nl = {
  moved: 'Workplace: {{room}} is vastgehouden voor het nieuwe tijdstip.',
  heldAgain: 'Workplace: de voorlopige reservering van {{room}} was verlopen; {{room}} is opnieuw vastgehouden.',
  releasedTaken:
    'Workplace: {{room}} is bezet op het nieuwe tijdstip. De zaal is vrijgegeven en verwijderd; kies een andere zaal.',
  releasedNotBookable:
    'Workplace: {{room}} kan op het nieuwe tijdstip niet worden gereserveerd. Vrijgegeven en verwijderd; kies een andere.',
  notUpdated: 'Workplace: de reservering van {{room}} kon deze wijziging niet volgen. Open Workplace-zalen.',
  sendBlocked:
    '{{room}} is niet gereserveerd voor deze vergadering: {{reason}}. De zaal zou een uitnodiging krijgen die Workplace niet heeft gereserveerd. Kies een andere zaal, of verzend toch.',
  sendReason: {
    expired: 'de voorlopige reservering is verlopen voordat de vergadering werd verzonden',
    cancelled: 'de reservering is geannuleerd',
    taken: 'iemand anders heeft de zaal op dit tijdstip',
    'not-bookable': 'de zaal kan op dit tijdstip niet worden gereserveerd',
  },
  pickAnotherRoom: 'Andere zaal kiezen',
};

const de = {
  moved: 'Workplace: {{room}} ist für die neue Zeit vorgemerkt.',
  heldAgain: 'Workplace: Die Vormerkung von {{room}} war abgelaufen; {{room}} ist wieder vorgemerkt.',
  releasedTaken:
    'Workplace: {{room}} ist zur neuen Zeit belegt. Der Raum wurde freigegeben und entfernt; wählen Sie einen anderen.',
  releasedNotBookable:
    'Workplace: {{room}} ist zur neuen Zeit nicht buchbar. Freigegeben und entfernt; wählen Sie einen anderen Raum.',
  notUpdated: 'Workplace: Die Vormerkung von {{room}} konnte der Änderung nicht folgen. Öffnen Sie Workplace-Räume.',
  sendBlocked:
    '{{room}} ist für diese Besprechung nicht reserviert: {{reason}}. Der Raum bekäme eine Einladung, die Workplace nicht reserviert hat. Wählen Sie einen anderen Raum oder senden Sie trotzdem.',
  sendReason: {
    expired: 'die Vormerkung ist vor dem Senden abgelaufen',
    cancelled: 'die Reservierung wurde storniert',
    taken: 'jemand anderes hat den Raum zu dieser Zeit',
    'not-bookable': 'der Raum ist zu dieser Zeit nicht buchbar',
  },
  pickAnotherRoom: 'Anderen Raum wählen',
};

export const launchEventMessages = { en, fr, nl, de };
