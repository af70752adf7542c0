import { z } from 'zod';

/**
 * How the task pane gets a token for the add-in API, served without authentication so that one build
 * of the pane works for every deployment. `naa`: nested app authentication in Outlook (MSAL's nestable
 * public client, Entra app `clientId`, scope of our API). `harness`: the embedded default's harness page,
 * where the server mints a token from the Graph emulator's issuer for the simulated user.
 */
export const AddinConfigSchema = z.object({
  auth: z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('naa'),
      clientId: z.string().min(1),
      authority: z.url().describe('e.g. https://login.microsoftonline.com/<tenant id>'),
      scopes: z.array(z.string().min(1)).min(1).describe('e.g. api://rooms.example.com/<client id>/access_as_user'),
    }),
    z.object({ kind: z.literal('harness'), tokenPath: z.string().startsWith('/') }),
  ]),
});
export type AddinConfig = z.infer<typeof AddinConfigSchema>;
