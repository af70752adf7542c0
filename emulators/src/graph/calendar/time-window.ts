import { GraphError, missingTimeWindow } from '../odata/graph-error.js';

export type TimeWindow = { start: Date; end: Date };

const MAX_WINDOW_DAYS = 1825;

/** An ISO date-time from a query: an offset is honoured, no offset means UTC ([CV]). */
function readInstant(value: string): Date {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(value);
  const instant = new Date(hasOffset ? value : `${value}Z`);
  if (Number.isNaN(instant.getTime())) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      `The value '${value}' of parameter 'StartDateTime' or 'EndDateTime' is invalid.`,
    );
  }
  return instant;
}

/** startDateTime/endDateTime of calendarView, instances and delta; windows over 1825 days are refused. */
export function readTimeWindow(parameters: Map<string, string>): TimeWindow {
  const start = parameters.get('startdatetime');
  const end = parameters.get('enddatetime');
  if (!start || !end) throw missingTimeWindow();
  const window = { start: readInstant(start), end: readInstant(end) };
  if (window.end.getTime() - window.start.getTime() > MAX_WINDOW_DAYS * 86_400_000) {
    // fixtures/graph/observed/error-calendarview-range-too-large.json
    throw new GraphError(
      400,
      'ErrorInvalidRequest',
      `Your request can't be completed. The range between the start and end dates is greater than the allowed range. Maximum number of days: ${MAX_WINDOW_DAYS}`,
    );
  }
  return window;
}
