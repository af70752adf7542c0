// A simulated Outlook mailbox with one appointment, in the shapes Office.js gives the pane (compose:
// getAsync/addAsync/… with callbacks; read: plain values). The harness page installs it around the real
// office.js; unit tests wrap it in office-addin-mock. Nothing here imports the pane: it is "Outlook".

export type SimulatedOperation =
  | 'start'
  | 'end'
  | 'subject'
  | 'requiredAttendees'
  | 'optionalAttendees'
  | 'recurrence'
  | 'locations.get'
  | 'locations.add'
  | 'locations.remove'
  | 'itemId'
  | 'customProperties.load'
  | 'customProperties.save'
  | 'addHandler'
  | 'removeHandler'
  | 'sessionData'
  | 'notifications';

export type SimulatedError = { name: string; code: number; message: string };

/** Office's own failures, as Outlook reports them. */
export const OUTLOOK_ERRORS = {
  itemNotSaved: { name: 'ItemNotSaved', code: 9057, message: "The ID can't be retrieved until the item is saved." },
  invalidSelection: { name: 'InvalidSelection', code: 5001, message: 'An internal error has occurred.' },
  apiNotSupported: { name: 'API Not Supported', code: 5009, message: 'This API is not supported in this client.' },
  tooManyLocations: { name: 'TooManyLocations', code: 9041, message: 'The number of locations exceeds the limit.' },
} satisfies Record<string, SimulatedError>;

export type SimulatedPerson = {
  email: string;
  name: string;
  /** Read mode: the attendee's answer as the organizer's item shows it (a room that declined: 'declined'). */
  response?: 'none' | 'accepted' | 'tentative' | 'declined';
};

/** Office.Recurrence as data; `seriesTime` dates are 'YYYY-MM-DD' in `timeZone`. */
export type SimulatedRecurrence = {
  recurrenceType: 'daily' | 'weekday' | 'weekly' | 'monthly' | 'yearly';
  recurrenceProperties: {
    interval: number;
    days?: string[];
    dayOfMonth?: number;
    dayOfWeek?: string;
    weekNumber?: string;
    month?: string;
    firstDayOfWeek?: string;
  };
  timeZone: string;
  startDate: string;
  startTime: string;
  endDate: string | null;
  durationMinutes: number;
};

export type SimulatedMeeting = {
  subject: string;
  start: Date;
  end: Date;
  requiredAttendees: SimulatedPerson[];
  optionalAttendees: SimulatedPerson[];
  recurrence: SimulatedRecurrence | null;
  rooms: SimulatedPerson[];
  /** null: a new item that was never saved (getItemIdAsync fails with ItemNotSaved). */
  itemId: string | null;
  customProperties: Record<string, string>;
};

/** The enum values Office.js uses; the harness takes AsyncResultStatus from the real library. */
export const OUTLOOK_ENUMS = {
  MailboxEnums: {
    LocationType: { Custom: 'custom', Room: 'room' },
    ItemType: { Message: 'message', Appointment: 'appointment' },
    RecurrenceType: { Daily: 'daily', Weekday: 'weekday', Weekly: 'weekly', Monthly: 'monthly', Yearly: 'yearly' },
    Days: {
      Mon: 'mon',
      Tue: 'tue',
      Wed: 'wed',
      Thu: 'thu',
      Fri: 'fri',
      Sat: 'sat',
      Sun: 'sun',
      Weekday: 'weekday',
      WeekendDay: 'weekendDay',
      Day: 'day',
    },
    WeekNumber: { First: 'first', Second: 'second', Third: 'third', Fourth: 'fourth', Last: 'last' },
    ItemNotificationMessageType: {
      ProgressIndicator: 'progressIndicator',
      InformationalMessage: 'informationalMessage',
      ErrorMessage: 'errorMessage',
      InsightMessage: 'insightMessage',
    },
    SendModeOverride: { PromptUser: 'promptUser' },
  },
  EventType: {
    AppointmentTimeChanged: 'olkAppointmentTimeChanged',
    RecurrenceChanged: 'olkRecurrenceChanged',
    RecipientsChanged: 'olkRecipientsChanged',
    OfficeThemeChanged: 'officeThemeChanged',
  },
} as const;

export type SimulatedMailboxOptions = {
  mode: 'compose' | 'read';
  user: SimulatedPerson;
  /** The organizer in read mode (compose: the user). */
  organizer?: SimulatedPerson;
  meeting: SimulatedMeeting;
  /** `Office.AsyncResultStatus` of the library in use. */
  asyncResultStatus: { Succeeded: string; Failed: string };
  bodyBackgroundColor?: string;
  /** Delay of every callback, like Outlook's round trips (0 = next microtask). */
  latencyMs?: number;
  /** `userProfile.timeZone`: Outlook gives a Windows name ('Eastern Standard Time'); some clients IANA. */
  userTimeZone?: string;
};

/** A notification message on the item, as the add-in put it there (item.notificationMessages). */
export type SimulatedNotification = { key: string; type: string; message: string; icon?: string; persistent?: boolean };

/** The events Outlook raises for add-ins that declare them (LaunchEvent in the manifest). */
export type SimulatedLaunchEvent =
  'OnAppointmentTimeChanged' | 'OnAppointmentRecurrenceChanged' | 'OnAppointmentAttendeesChanged' | 'OnAppointmentSend';

type Callback<T> = (result: { status: string; value: T; error?: SimulatedError; asyncContext?: unknown }) => void;
type Handler = (args: Record<string, unknown>) => void;

/** Office's overloads: (callback) or (options, callback). */
const callbackOf = <T>(args: unknown[]): Callback<T> | undefined =>
  [...args].reverse().find((arg): arg is Callback<T> => typeof arg === 'function');

export function createSimulatedMailbox(options: SimulatedMailboxOptions) {
  const { mode, user, asyncResultStatus } = options;
  const meeting: SimulatedMeeting = structuredClone(options.meeting);
  const failures = new Map<SimulatedOperation, SimulatedError[]>();
  const handlers = new Map<string, Handler[]>();
  const calls: string[] = [];
  const sessionData = new Map<string, string>();
  let notifications: SimulatedNotification[] = [];
  const launchEventListeners: Array<(type: SimulatedLaunchEvent) => void> = [];
  let bodyBackgroundColor = options.bodyBackgroundColor ?? '#ffffff';

  function settle<T>(operation: SimulatedOperation, callback: Callback<T> | undefined, value: () => T): void {
    calls.push(operation);
    const error = failures.get(operation)?.shift();
    const run = () => {
      if (error) callback?.({ status: asyncResultStatus.Failed, value: undefined as T, error });
      else callback?.({ status: asyncResultStatus.Succeeded, value: value() });
    };
    if (options.latencyMs) setTimeout(run, options.latencyMs);
    else queueMicrotask(run);
  }

  const emit = (eventType: string, args: Record<string, unknown>) => {
    for (const handler of handlers.get(eventType) ?? []) handler({ type: eventType, ...args });
  };

  const seriesTime = () => {
    const recurrence = meeting.recurrence!;
    return {
      getStartDate: () => recurrence.startDate,
      getStartTime: () => recurrence.startTime,
      getEndDate: () => recurrence.endDate,
      getEndTime: () => {
        const [hours = 0, minutes = 0] = recurrence.startTime.split(':').map(Number);
        const total = hours * 60 + minutes + recurrence.durationMinutes;
        return `${String(Math.floor(total / 60) % 24).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
      },
      getDuration: () => recurrence.durationMinutes,
    };
  };
  const officeRecurrence = () =>
    meeting.recurrence
      ? {
          recurrenceType: meeting.recurrence.recurrenceType,
          recurrenceProperties: { ...meeting.recurrence.recurrenceProperties },
          recurrenceTimeZone: { name: meeting.recurrence.timeZone },
          seriesTime: seriesTime(),
        }
      : null;
  const locationDetails = () =>
    meeting.rooms.map((room) => ({
      locationIdentifier: { id: room.email, type: OUTLOOK_ENUMS.MailboxEnums.LocationType.Room },
      displayName: room.name,
      emailAddress: room.email,
    }));
  const recipients = (people: SimulatedPerson[]) =>
    people.map((person) => ({ emailAddress: person.email, displayName: person.name, recipientType: 'user' }));

  const enhancedLocation = {
    getAsync: (...args: unknown[]) => settle('locations.get', callbackOf(args), locationDetails),
    addAsync: (identifiers: Array<{ id: string; type: string }>, ...args: unknown[]) =>
      settle('locations.add', callbackOf(args), () => {
        for (const identifier of identifiers) {
          if (identifier.type !== OUTLOOK_ENUMS.MailboxEnums.LocationType.Room) continue;
          if (meeting.rooms.some((room) => room.email.toLowerCase() === identifier.id.toLowerCase())) continue;
          meeting.rooms.push({ email: identifier.id, name: identifier.id });
        }
      }),
    removeAsync: (identifiers: Array<{ id: string; type: string }>, ...args: unknown[]) =>
      settle('locations.remove', callbackOf(args), () => {
        const removed = new Set(identifiers.map((identifier) => identifier.id.toLowerCase()));
        meeting.rooms = meeting.rooms.filter((room) => !removed.has(room.email.toLowerCase()));
      }),
  };

  const customProperties = () => ({
    get: (name: string) => meeting.customProperties[name],
    set: (name: string, value: string) => void (meeting.customProperties[name] = value),
    remove: (name: string) => {
      const { [name]: _removed, ...others } = meeting.customProperties;
      meeting.customProperties = others;
    },
    getAll: () => ({ ...meeting.customProperties }),
    saveAsync: (...args: unknown[]) => settle('customProperties.save', callbackOf(args), () => undefined),
  });

  const common = {
    itemType: OUTLOOK_ENUMS.MailboxEnums.ItemType.Appointment,
    enhancedLocation,
    loadCustomPropertiesAsync: (...args: unknown[]) =>
      settle('customProperties.load', callbackOf(args), customProperties),
    addHandlerAsync: (eventType: string, handler: Handler, ...args: unknown[]) =>
      settle(
        'addHandler',
        callbackOf(args),
        () => void handlers.set(eventType, [...(handlers.get(eventType) ?? []), handler]),
      ),
    removeHandlerAsync: (eventType: string, ...args: unknown[]) =>
      settle('removeHandler', callbackOf(args), () => void handlers.delete(eventType)),
  };

  // Compose only (Mailbox 1.11): scratch state of this compose session, shared by the pane and the
  // event handlers of the same add-in.
  const itemSessionData = {
    getAsync: (name: string, ...args: unknown[]) =>
      settle('sessionData', callbackOf(args), () => sessionData.get(name) ?? ''),
    setAsync: (name: string, value: string, ...args: unknown[]) =>
      settle('sessionData', callbackOf(args), () => void sessionData.set(name, value)),
    removeAsync: (name: string, ...args: unknown[]) =>
      settle('sessionData', callbackOf(args), () => void sessionData.delete(name)),
    getAllAsync: (...args: unknown[]) =>
      settle('sessionData', callbackOf(args), () => JSON.stringify(Object.fromEntries(sessionData))),
    clearAsync: (...args: unknown[]) => settle('sessionData', callbackOf(args), () => sessionData.clear()),
  };

  const putNotification = (key: string, details: Omit<SimulatedNotification, 'key'>) => {
    notifications = [...notifications.filter((entry) => entry.key !== key), { key, ...details }];
  };
  const notificationMessages = {
    addAsync: (key: string, details: Omit<SimulatedNotification, 'key'>, ...args: unknown[]) =>
      settle('notifications', callbackOf(args), () => putNotification(key, details)),
    replaceAsync: (key: string, details: Omit<SimulatedNotification, 'key'>, ...args: unknown[]) =>
      settle('notifications', callbackOf(args), () => putNotification(key, details)),
    removeAsync: (key: string, ...args: unknown[]) =>
      settle('notifications', callbackOf(args), () => {
        notifications = notifications.filter((entry) => entry.key !== key);
      }),
    getAllAsync: (...args: unknown[]) => settle('notifications', callbackOf(args), () => [...notifications]),
  };

  const getter = <T>(operation: SimulatedOperation, value: () => T) => ({
    getAsync: (...args: unknown[]) => settle(operation, callbackOf<T>(args), value),
  });

  const composeItem = {
    ...common,
    start: getter('start', () => new Date(meeting.start)),
    end: getter('end', () => new Date(meeting.end)),
    subject: getter('subject', () => meeting.subject),
    requiredAttendees: getter('requiredAttendees', () => recipients(meeting.requiredAttendees)),
    optionalAttendees: getter('optionalAttendees', () => recipients(meeting.optionalAttendees)),
    recurrence: getter('recurrence', officeRecurrence),
    sessionData: itemSessionData,
    notificationMessages,
    getItemIdAsync: (...args: unknown[]) => {
      if (meeting.itemId === null && !failures.get('itemId')?.length)
        failures.set('itemId', [OUTLOOK_ERRORS.itemNotSaved]);
      settle('itemId', callbackOf(args), () => meeting.itemId);
    },
  };

  const organizer = options.organizer ?? user;
  const readItem = () => ({
    ...common,
    itemId: meeting.itemId ?? 'AAMkAD-simulated-read-item',
    start: new Date(meeting.start),
    end: new Date(meeting.end),
    subject: meeting.subject,
    organizer: { emailAddress: organizer.email, displayName: organizer.name },
    // A room that answered is among the attendees with its answer, as the organizer's item shows it.
    requiredAttendees: [
      ...recipients(meeting.requiredAttendees),
      ...meeting.rooms.flatMap((room) =>
        room.response
          ? [
              {
                emailAddress: room.email,
                displayName: room.name,
                recipientType: 'other',
                appointmentResponse: room.response,
              },
            ]
          : [],
      ),
    ],
    optionalAttendees: recipients(meeting.optionalAttendees),
    // Outlook gives null for a single meeting; the key is left out instead, because office-addin-mock
    // cannot wrap null values. The bridge treats both alike.
    ...(meeting.recurrence ? { recurrence: { ...officeRecurrence(), ...getter('recurrence', officeRecurrence) } } : {}),
    notificationMessages,
  });

  const mailbox = {
    item: mode === 'compose' ? composeItem : readItem(),
    userProfile: {
      emailAddress: user.email,
      displayName: user.name,
      timeZone: options.userTimeZone ?? 'UTC',
      accountType: 'enterprise',
    },
    addHandlerAsync: common.addHandlerAsync,
    removeHandlerAsync: common.removeHandlerAsync,
  };

  return {
    mailbox,
    officeTheme: () => ({
      bodyBackgroundColor,
      bodyForegroundColor: bodyBackgroundColor === '#ffffff' ? '#000000' : '#ffffff',
      controlBackgroundColor: bodyBackgroundColor,
      controlForegroundColor: bodyBackgroundColor === '#ffffff' ? '#000000' : '#ffffff',
    }),
    /** Every Office call the pane made, in order. */
    calls,
    meeting: () => structuredClone(meeting),
    /** The next call of `operation` fails with `error` (queue several for several calls). */
    failNext(operation: SimulatedOperation, error: SimulatedError) {
      failures.set(operation, [...(failures.get(operation) ?? []), error]);
    },
    /** The user edits the meeting in Outlook: Outlook raises AppointmentTimeChanged / RecurrenceChanged. */
    editMeeting(
      changes: Partial<Pick<SimulatedMeeting, 'start' | 'end' | 'recurrence' | 'subject' | 'requiredAttendees'>>,
    ) {
      const before = structuredClone(meeting);
      Object.assign(meeting, structuredClone(changes));
      const launched: SimulatedLaunchEvent[] = [];
      if (changes.start || changes.end) {
        emit(OUTLOOK_ENUMS.EventType.AppointmentTimeChanged, { start: meeting.start, end: meeting.end });
        if (before.start.getTime() !== meeting.start.getTime() || before.end.getTime() !== meeting.end.getTime())
          launched.push('OnAppointmentTimeChanged');
      }
      if (changes.recurrence !== undefined) {
        emit(OUTLOOK_ENUMS.EventType.RecurrenceChanged, { recurrence: officeRecurrence() });
        if (JSON.stringify(before.recurrence) !== JSON.stringify(meeting.recurrence))
          launched.push('OnAppointmentRecurrenceChanged');
      }
      if (changes.requiredAttendees !== undefined) {
        const emails = (people: SimulatedPerson[]) => people.map((person) => person.email.toLowerCase()).join(',');
        if (emails(before.requiredAttendees) !== emails(meeting.requiredAttendees)) {
          emit(OUTLOOK_ENUMS.EventType.RecipientsChanged, { changedRecipientFields: { requiredAttendees: true } });
          launched.push('OnAppointmentAttendeesChanged');
        }
      }
      // Outlook raises each LaunchEvent only when that part of the meeting really changed.
      for (const type of launched) for (const listener of launchEventListeners) listener(type);
    },
    /** The runtime of the add-in's event handlers listens here (the harness's launch-event runtime). */
    onLaunchEvent(listener: (type: SimulatedLaunchEvent) => void) {
      launchEventListeners.push(listener);
    },
    /** The notification messages on the item, as Outlook shows them in its info bar. */
    notifications: () => [...notifications],
    sessionData: () => Object.fromEntries(sessionData),
    setTheme(color: string) {
      bodyBackgroundColor = color;
      emit(OUTLOOK_ENUMS.EventType.OfficeThemeChanged, { officeTheme: { bodyBackgroundColor: color } });
    },
    /** The user saved the draft (an id exists from now on). */
    save(itemId: string) {
      meeting.itemId = itemId;
    },
    handlerCount: (eventType: string) => handlers.get(eventType)?.length ?? 0,
  };
}

export type SimulatedMailbox = ReturnType<typeof createSimulatedMailbox>;
