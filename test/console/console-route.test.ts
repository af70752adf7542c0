import { expect, test } from 'vitest';
import { parseRoute, toSearch } from '../../console/src/console-route.js';

test('a plain /admin/ is the first page of room links, with nothing filtered', () => {
  const route = parseRoute('');
  expect(route.view).toBe('links');
  expect(route.links).toEqual({ q: '', areaPage: 0, roomPage: 0 });
  expect(toSearch(route)).toBe('');
});

test('each view and its filters survive the round trip through the URL', () => {
  const log = '?view=log&room=Brussels+1.02&organizer=alex&action=created&from=2030-03-04T09%3A00&housekeeping=1';
  expect(parseRoute(log).log).toEqual({
    room: 'Brussels 1.02',
    organizer: 'alex',
    action: 'created',
    from: '2030-03-04T09:00',
    to: '',
    housekeeping: true,
  });
  expect(toSearch(parseRoute(log))).toBe(log);
  expect(toSearch(parseRoute('?q=new+york&areas=3&rooms=2'))).toBe('?q=new+york&areas=3&rooms=2');
  expect(parseRoute('?q=new+york&areas=3').links).toEqual({ q: 'new york', areaPage: 2, roomPage: 0 });
});

test('only the shown view’s filters are written; unknown views and bad pages fall back', () => {
  const route = parseRoute('?view=failed&organizer=alex&q=x');
  expect(toSearch(route)).toBe('?view=failed');
  expect(parseRoute('?view=nope').view).toBe('links');
  expect(parseRoute('?areas=-4').links.areaPage).toBe(0);
});
