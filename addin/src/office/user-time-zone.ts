// The Outlook user's time zone for the times the pane shows, not the browser's (a New York user on a
// laptop left in Brussels time still sees New York times, as Outlook shows them).
// `Office.context.mailbox.userProfile.timeZone` is the mailbox's zone in Outlook on the web and the new
// Outlook, the computer's in classic Outlook on Windows and on Mac, in Windows' naming ('Eastern Standard
// Time', OfficeDev/office-js#951); a name Intl already knows (IANA) is taken as it is.

/** Whether Intl knows this zone name (IANA, or a link such as 'US/Eastern'). */
const isIanaZone = (name: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/**
 * A zone name as Outlook gives it, as an IANA zone: Windows names through CLDR's table (windows-iana,
 * its own chunk of about 15 KB gzip, loaded only when Outlook names a Windows zone). Null for a name that
 * is neither.
 */
export async function ianaZoneOfOutlookZone(name: string): Promise<string | null> {
  const trimmed = name.trim();
  if (trimmed === '') return null;
  if (isIanaZone(trimmed)) return trimmed;
  const { findIana } = await import('windows-iana');
  // The zone for CLDR's territory 001 (the Windows zone's primary city) comes first.
  const [primary] = findIana(trimmed as Parameters<typeof findIana>[0]);
  return primary && isIanaZone(primary) ? primary : null;
}

/** The Outlook user's zone as IANA; the browser's where Outlook gives none Intl or CLDR knows. */
export async function readUserTimeZone(): Promise<string> {
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  let name: unknown;
  try {
    name = Office.context.mailbox?.userProfile?.timeZone;
  } catch {
    return browserZone;
  }
  if (typeof name !== 'string') return browserZone;
  return (await ianaZoneOfOutlookZone(name)) ?? browserZone;
}
