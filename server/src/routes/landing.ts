import type { FastifyPluginAsync } from 'fastify';

export type LandingOptions = {
  /** The embedded default also serves the add-in harness. */
  hasHarness: boolean;
};

const listItems = (links: Array<[string, string, string]>) =>
  links.map(([href, name, what]) => `<li><a href="${href}">${name}</a>: ${what}</li>`).join('\n');

/**
 * `GET /`: where a person who opens the server's address lands, with the pages it serves. Links only
 * (no script, no style), so the strictest CSP applies. `/favicon.ico` answers 204 so browsers stop asking.
 */
export const landingRoutes: FastifyPluginAsync<LandingOptions> = async (app, { hasHarness }) => {
  const links: Array<[string, string, string]> = [
    ['/admin/', 'Admin console', 'room links, health, sync log, failed items, EWS → Graph cutover'],
    ...(hasHarness
      ? [
          ['/harness.html', 'Add-in harness', 'the Outlook task pane around a simulated meeting'] as [
            string,
            string,
            string,
          ],
        ]
      : []),
    ['/docs', 'API documentation', 'every endpoint (OpenAPI)'],
    ['/healthz', 'Health', 'alive'],
    ['/readyz', 'Readiness', 'database, queue, Graph and Workplace reachable'],
  ];
  const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Workplace ⇄ Exchange room sync</title></head>
<body>
<h1>Workplace ⇄ Exchange room sync</h1>
<ul>
${listItems(links)}
</ul>
</body>
</html>
`;
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(page),
  );
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').code(204).send(),
  );
};
