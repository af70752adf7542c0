// The sign-in dialog's words, apart from the pane's: the dialog page loads only these, not i18next and the
// pane's messages (the messages test checks them as it checks the pane's).

const en = {
  title: 'Sign in: Workplace rooms',
  signingIn: 'Signing in…',
  signedIn: 'Signed in. This window closes by itself.',
  failed: 'Signing in did not work; the add-in says why. You can close this window.',
  redirecting: 'Opening Microsoft sign-in…',
  noParent: 'Open this page from the Workplace rooms add-in in Outlook.',
  undelivered: 'The add-in could not be reached. Close this window and try again.',
};

const fr = {
  title: 'Connexion : Salles Workplace',
  signingIn: 'Connexion…',
  signedIn: 'Connecté. Cette fenêtre se ferme d’elle-même.',
  failed: 'La connexion a échoué ; le complément en indique la raison. Vous pouvez fermer cette fenêtre.',
  redirecting: 'Ouverture de la connexion Microsoft…',
  noParent: 'Ouvrez cette page depuis le complément Salles Workplace dans Outlook.',
  undelivered: 'Le complément est injoignable. Fermez cette fenêtre et réessayez.',
};

const nl = {
  title: 'Aanmelden: Workplace-zalen',
  signingIn: 'Aanmelden…',
  signedIn: 'Aangemeld. Dit venster sluit vanzelf.',
  failed: 'Aanmelden is niet gelukt; de invoegtoepassing vertelt waarom. U kunt dit venster sluiten.',
  redirecting: 'Aanmelden bij Microsoft wordt geopend…',
  noParent: 'Open deze pagina vanuit de invoegtoepassing Workplace-zalen in Outlook.',
  undelivered: 'De invoegtoepassing is niet bereikbaar. Sluit dit venster en probeer het opnieuw.',
};

const de = {
  title: 'Anmelden: Workplace-Räume',
  signingIn: 'Anmeldung läuft…',
  signedIn: 'Angemeldet. Dieses Fenster schließt sich von selbst.',
  failed: 'Die Anmeldung hat nicht funktioniert; das Add-In nennt den Grund. Sie können dieses Fenster schließen.',
  redirecting: 'Microsoft-Anmeldung wird geöffnet…',
  noParent: 'Öffnen Sie diese Seite aus dem Add-In Workplace-Räume in Outlook.',
  undelivered: 'Das Add-In ist nicht erreichbar. Schließen Sie dieses Fenster und versuchen Sie es erneut.',
};

export type SignInDialogText = typeof en;

export const signInDialogMessages: Record<'en' | 'fr' | 'nl' | 'de', SignInDialogText> = { en, fr, nl, de };
