import type { FastifyPluginAsync } from 'fastify';

export type LandingOptions = {
  /** The embedded default: it also serves the add-in harness, and the page introduces the demo. */
  hasHarness: boolean;
  /** The Workplace emulator's kiosk (embedded default). */
  kioskUrl?: string | null;
};

type Link = { href: string; name: string; what: string };

const DEMO_PEOPLE: Array<[name: string, address: string, role: string]> = [
  ['Adele Vance', 'adele.vance@contoso.com', 'the harness signs her in: she books rooms in Outlook'],
  ['Megan Bowen', 'megan.bowen@contoso.com', 'the admin console signs her in: a room-sync administrator'],
  ['Alex Wilber, Nestor Wilke', 'alex.wilber@contoso.com, nestor.wilke@contoso.com', 'colleagues to invite'],
  ['Lidia Holloway', 'lidia.holloway@contoso.com', 'signs in as lidiah@contoso.onmicrosoft.com (not her address)'],
];

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

const card = ({ href, name, what }: Link) =>
  `<li><a href="${escape(href)}"><strong>${escape(name)}</strong><span>${escape(what)}</span></a></li>`;

// Fluent UI v9's web light and dark tokens (neutral backgrounds, brand link colour, radius, shadow), as
// plain CSS: the page needs no script, so the strictest CSP still applies.
const STYLE = `
:root{color-scheme:light dark;--bg:#f5f5f5;--card:#fff;--fg:#242424;--muted:#616161;--brand:#0f6cbd;--stroke:#e0e0e0}
@media (prefers-color-scheme:dark){:root{--bg:#1f1f1f;--card:#292929;--fg:#fff;--muted:#adadad;--brand:#479ef5;--stroke:#3d3d3d}}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/20px 'Segoe UI','Segoe UI Web (West European)',system-ui,sans-serif}
main{max-width:880px;margin:0 auto;padding:32px 24px}
h1{font-size:28px;line-height:36px;font-weight:600;margin:0 0 4px}
h2{font-size:20px;line-height:28px;font-weight:600;margin:32px 0 12px}
p{color:var(--muted);margin:0}
ul.cards{list-style:none;padding:0;margin:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:12px}
ul.cards a{display:flex;flex-direction:column;gap:4px;padding:16px;border-radius:8px;background:var(--card);border:1px solid var(--stroke);box-shadow:0 1px 2px rgba(0,0,0,.14);color:inherit;text-decoration:none}
ul.cards a:hover,ul.cards a:focus-visible{border-color:var(--brand)}
ul.cards strong{color:var(--brand);font-weight:600}
ul.cards span{color:var(--muted)}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--stroke);border-radius:8px}
th,td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--stroke);vertical-align:top}
th{font-weight:600}
`;

/**
 * `GET /`: where a person who opens the server's address lands, with the pages it serves and, in the
 * embedded default, who is who in the demo. No script, so the strictest CSP applies. `/favicon.ico`
 * answers 204 so browsers stop asking.
 */
export const landingRoutes: FastifyPluginAsync<LandingOptions> = async (app, { hasHarness, kioskUrl = null }) => {
  const links: Link[] = [
    ...(hasHarness
      ? [
          {
            href: '/harness.html',
            name: 'Add-in harness',
            what: 'the Outlook task pane beside a simulated meeting: pick a room, press Send',
          },
        ]
      : []),
    { href: '/admin/', name: 'Admin console', what: 'room links, health, sync log, failed items, EWS → Graph cutover' },
    ...(kioskUrl
      ? [{ href: kioskUrl, name: 'Workplace kiosk', what: 'book a room as at a kiosk; watch Outlook bookings arrive' }]
      : []),
    { href: '/docs', name: 'API documentation', what: 'every endpoint (OpenAPI)' },
    { href: '/healthz', name: 'Health', what: 'alive' },
    { href: '/readyz', name: 'Readiness', what: 'database, queue, Graph and Workplace reachable' },
  ];
  const demo = hasHarness
    ? `<h2>Who is who in the demo</h2>
<p>The embedded default runs emulated Microsoft 365 and Workplace with demo rooms in Brussels and New York.</p>
<table><thead><tr><th>Person</th><th>Address</th><th>Role</th></tr></thead><tbody>
${DEMO_PEOPLE.map(([name, address, role]) => `<tr><td>${escape(name)}</td><td>${escape(address)}</td><td>${escape(role)}</td></tr>`).join('\n')}
</tbody></table>`
    : '';
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Workplace ⇄ Exchange room sync</title><style>${STYLE}</style></head>
<body><main>
<h1>Workplace ⇄ Exchange room sync</h1>
<p>Bookings made in Outlook and at Workplace touchpoints, on both sides, for every linked room.</p>
<h2>Pages</h2>
<ul class="cards">
${links.map(card).join('\n')}
</ul>
${demo}
</main></body>
</html>
`;
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').code(204).send(),
  );
};
