import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import fp from 'fastify-plugin';
import { routePathOf } from './route-path.js';

/** Where Outlook frames the task pane: Outlook on the web, the new Outlook, Microsoft 365. */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.office.com',
  'https://*.office365.com',
  'https://*.outlook.com',
  'https://outlook.live.com',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.officeapps.live.com',
];

/** office.js must be loaded from Microsoft's CDN in production (the harness serves its npm copy itself). */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

type Directives = Record<string, string[]>;

const frameAncestors = ["'self'", ...OFFICE_FRAME_ANCESTORS];

/**
 * JSON answers (the default): nothing may load from them. Framing stays open to Outlook's hosts for
 * every answer, because the new Outlook checks the site's root before it frames the task pane.
 */
export const apiPolicy: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': frameAncestors,
};

/**
 * HTML pages of the add-in (task pane, help, harness): its own scripts plus office.js from Microsoft's
 * CDN, inline styles (the pages' own <style> and Fluent UI's runtime styles), and sign-in with the
 * authority (MSAL's metadata and token calls, its hidden iframe).
 */
export function pagePolicy(signInOrigins: string[]): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", OFFICE_JS_ORIGIN],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...signInOrigins],
    'frame-src': ["'self'", ...signInOrigins],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': frameAncestors,
  };
}

/** Swagger UI at /docs: its bundled scripts and styles, all served by this server (no CDN). */
export const docsPolicy: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/**
 * The admin console at /admin/: its own scripts only (no office.js), inline styles for Fluent UI, and
 * sign-in with the authority (MSAL's token calls and its hidden iframe). Never framed: it is not an
 * add-in, so Outlook's hosts are not allowed to frame it.
 */
export function consolePolicy(signInOrigins: string[]): Directives {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...signInOrigins],
    'frame-src': signInOrigins.length > 0 ? signInOrigins : ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
}

/**
 * Pages Office opens as dialogs (displayDialogAsync). Office on the web talks to a dialog through
 * `window.opener`, and office.js closes a web dialog that has none (the pane sees 12006). A popup whose
 * page sends any COOP but `unsafe-none` moves to a new browsing context group and loses its opener.
 */
export const OFFICE_DIALOG_PAGES = ['/auth-dialog.html'];

const isConsolePage = (path: string) => path === '/admin' || path.startsWith('/admin/');

export const serializePolicy = (directives: Directives): string =>
  Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');

/**
 * The headers helmet sets with these options, computed once: they are the same on every answer (no
 * nonces), and applying helmet's middleware per request cost about 6 % of the webhook's throughput
 * (profiled in bench/RESULTS.md). Helmet still decides what they are.
 */
async function helmetHeaders(options: Parameters<typeof helmet>[1]): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, options);
  probe.get('/', async () => '');
  const { headers } = await probe.inject({ url: '/' });
  await probe.close();
  const transport = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  return Object.fromEntries(
    Object.entries(headers).flatMap(([name, value]) =>
      transport.has(name) || value === undefined ? [] : [[name, String(value)]],
    ),
  );
}

export type SecurityHeadersOptions = {
  /** Strict-Transport-Security: off in embedded mode, where it would pin https on localhost for a year. */
  hsts: boolean;
  /** Origins the add-in pages sign in with (the Entra authority host). */
  signInOrigins: string[];
};

/**
 * Security headers on every answer (@fastify/helmet): a CSP by kind of answer (JSON, add-in page, API
 * docs), nosniff, no referrer, HSTS in real mode, COOP/CORP. No X-Frame-Options: it cannot name
 * Outlook's hosts, `frame-ancestors` does.
 */
export const securityHeaders = fp<SecurityHeadersOptions>(
  async (app, { hsts, signInOrigins }) => {
    const origins = [...new Set(signInOrigins.map((origin) => new URL(origin).origin))];
    const pageCsp = serializePolicy(pagePolicy(origins));
    const docsCsp = serializePolicy(docsPolicy);
    const consoleCsp = serializePolicy(consolePolicy(origins));
    const baseHeaders = await helmetHeaders({
      contentSecurityPolicy: { useDefaults: false, directives: apiPolicy },
      frameguard: false,
      hsts: hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    });
    app.addHook('onRequest', (_request, reply, done) => {
      void reply.headers(baseHeaders);
      done();
    });
    app.addHook('onSend', async (request, reply, payload) => {
      const type = String(reply.getHeader('content-type') ?? '');
      const path = routePathOf(request);
      if (type.startsWith('text/html') && isConsolePage(path)) {
        void reply.header('content-security-policy', consoleCsp);
        // MSAL's redirect sign-in needs no opener; the page never shares its window with another origin.
        void reply.header('cross-origin-opener-policy', 'same-origin');
      } else if (type.startsWith('text/html')) {
        const isDocs = path === '/docs' || path.startsWith('/docs/');
        void reply.header('content-security-policy', isDocs ? docsCsp : pageCsp);
        if (OFFICE_DIALOG_PAGES.includes(path)) {
          void reply.header('cross-origin-opener-policy', 'unsafe-none');
        } else if (!isDocs) {
          // Sign-in popups (MSAL's popup, Office dialogs) opened from the pane must keep their opener.
          void reply.header('cross-origin-opener-policy', 'same-origin-allow-popups');
        }
      } else if (type.startsWith('image/')) {
        // The manifest's icons are shown by Outlook, from its own origin.
        void reply.header('cross-origin-resource-policy', 'cross-origin');
      }
      return payload;
    });
  },
  { name: 'security-headers' },
);
