import { associateLaunchEvents } from '../office/launch-event-host.js';
import { createLaunchEventHandlers } from './launch-event-handlers.js';

// The event-based runtime's entry (LaunchEvent in manifest.xml): built on its own into one classic
// script, launch-events.js (vite.config.ts), because Outlook on Windows (classic) loads that file
// directly into a JavaScript-only runtime (no DOM, no ES modules); Outlook on the web, the new Outlook
// and Outlook on Mac load launch-events.html, which loads the same file.

declare const __ADDIN_API_ORIGIN__: string;

/**
 * Where the API is: the page's own origin where the runtime has a page (web, new Outlook, Mac, the
 * harness); the JavaScript-only runtime has no location, so the origin the build was made for.
 */
const apiBaseUrl = (): string => {
  // `origin` of the global scope: also a frame's inherited one (the harness runs the runtime in one).
  const scope = globalThis as { origin?: string; location?: { origin?: string } };
  const origin = scope.origin ?? scope.location?.origin;
  return origin && origin.startsWith('http') ? '' : __ADDIN_API_ORIGIN__;
};

associateLaunchEvents(createLaunchEventHandlers({ baseUrl: apiBaseUrl() }));
