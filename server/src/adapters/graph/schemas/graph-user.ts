import { z } from 'zod';

// `microsoft.graph.user` as `GET /users/{id}?$select=id,mail,userPrincipalName,proxyAddresses,officeLocation`
// returns it (v1.0 CSDL). `mail` is null for a user without a mailbox; `proxyAddresses` lists `SMTP:primary` and
// `smtp:alias` entries (and other address types, e.g. `SIP:`), and needs User.Read.All to be returned.
export const GraphUser = z.looseObject({
  id: z.string().min(1),
  mail: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
  proxyAddresses: z.array(z.string()).nullish(),
  officeLocation: z.string().nullish(),
});
export type GraphUser = z.infer<typeof GraphUser>;

/** `POST /users/{id}/checkMemberGroups`: the given group ids the user is a (transitive) member of. */
export const GraphMemberGroups = z.looseObject({ value: z.array(z.string()) });
