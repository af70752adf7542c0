import { decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import {
  DEMO_ADMIN_GROUP_ID,
  DEMO_LIDIA,
  DEMO_SYNC_APP,
  demoSeed,
  roomEmail,
} from '../../../emulators/src/graph/index.js';
import type { EmulatorSeed } from '../../../emulators/src/graph/index.js';
import { csdlLocation, csdlViolations, loadCsdl } from './support/csdl-schema.js';
import { aMeeting, encode, SYNC_APP, TENANT_ID, useEmulator } from './support/emulator-harness.js';
import type { Harness } from './support/emulator-harness.js';

type GraphErrorBody = { error: { code: string; message: string; innerError: Record<string, string> } };
type StringCollection = { '@odata.context': string; value: string[] };

const MEGAN = 'megan.bowen@contoso.com';
const ADELE = 'adele.vance@contoso.com';

/** The demo tenant, plus the harness's own app with calendar permissions only (no directory access). */
const demoTenant = (): EmulatorSeed => ({
  ...demoSeed,
  apps: [
    ...demoSeed.apps!,
    { clientId: SYNC_APP.clientId, clientSecrets: [SYNC_APP.clientSecret], graphRoles: ['Calendars.ReadWrite'] },
  ],
});

/** A client authenticated as a newly registered app with these application permissions. */
async function appWith(harness: Harness, graphRoles: string[]) {
  const clientId = `app-${graphRoles.join('-') || 'none'}`;
  harness.control.registerApp({ clientId, graphRoles });
  return harness.anonymous.withToken(await harness.control.issueAppToken(clientId));
}

const demoSyncApp = async (harness: Harness) =>
  harness.anonymous.withToken(await harness.control.issueAppToken(DEMO_SYNC_APP.clientId));

const checkMemberGroups = (client: Harness['graph'], user: string, groupIds: string[]) =>
  client.post<StringCollection & GraphErrorBody>(`/v1.0/users/${encode(user)}/checkMemberGroups`, { groupIds });

const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('directory users: GET /users/{id | userPrincipalName}', () => {
  const harness = useEmulator({}, demoTenant);

  test('by object id: the default properties, with the UPN that is not the email and her office location', async () => {
    const graph = await demoSyncApp(harness);
    const response = await graph.get(`/v1.0/users/${DEMO_LIDIA.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      '@odata.context': `${harness.url}/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: 'Lidia Holloway',
      givenName: null,
      jobTitle: null,
      mail: 'lidia.holloway@contoso.com',
      mobilePhone: null,
      officeLocation: 'Brussels HQ',
      preferredLanguage: null,
      surname: null,
      userPrincipalName: 'lidiah@contoso.onmicrosoft.com',
      id: DEMO_LIDIA.id,
    });
  });

  test('by UPN (any case) with $select: exactly those properties, proxyAddresses in Graph’s format', async () => {
    const graph = await demoSyncApp(harness);
    const response = await graph.get(
      `/v1.0/users/${encode(DEMO_LIDIA.userPrincipalName.toUpperCase())}?$select=id,mail,userPrincipalName,proxyAddresses`,
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      '@odata.context': `${harness.url}/v1.0/$metadata#users(id,mail,userPrincipalName,proxyAddresses)/$entity`,
      id: DEMO_LIDIA.id,
      mail: DEMO_LIDIA.mail,
      userPrincipalName: DEMO_LIDIA.userPrincipalName,
      proxyAddresses: ['SMTP:lidia.holloway@contoso.com', 'smtp:lidia@contoso.com'],
    });
    // Without id in $select there is no id, as in Microsoft's $select example.
    const names = await graph.get(`/v1.0/users/${DEMO_LIDIA.id}?$select=displayName`);
    expect(names.body).toEqual({
      '@odata.context': `${harness.url}/v1.0/$metadata#users(displayName)/$entity`,
      displayName: 'Lidia Holloway',
    });
  });

  test('an existing user whose UPN is the email keeps it, with SMTP:email as the only proxy address', async () => {
    const graph = await demoSyncApp(harness);
    const response = await graph.get(`/v1.0/users/${encode(ADELE)}?$select=userPrincipalName,mail,proxyAddresses`);
    expect(response.body).toMatchObject({
      userPrincipalName: ADELE,
      mail: ADELE,
      proxyAddresses: [`SMTP:${ADELE}`],
    });
  });

  test('rooms are user objects, with a disabled account', async () => {
    const graph = await demoSyncApp(harness);
    const room = roomEmail('brussels', 1, 1);
    const response = await graph.get(`/v1.0/users/${encode(room)}?$select=displayName,mail,accountEnabled`);
    expect(response.body).toMatchObject({ displayName: 'Brussels 1.01', mail: room, accountEnabled: false });
  });

  test('Entra resolves only the id or the UPN: an unknown id, the SMTP address or an alias is 404 Request_ResourceNotFound', async () => {
    const graph = await demoSyncApp(harness);
    for (const key of [guid(1), DEMO_LIDIA.mail, DEMO_LIDIA.alias]) {
      const response = await graph.get<GraphErrorBody>(`/v1.0/users/${encode(key)}`);
      expect(response.status).toBe(404);
      expect(response.body.error).toEqual({
        code: 'Request_ResourceNotFound',
        message: `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
        innerError: {
          date: expect.any(String),
          'request-id': expect.any(String),
          'client-request-id': expect.any(String),
        },
      });
    }
  });

  test('needs User.Read.All (or a higher directory permission): otherwise 403 Authorization_RequestDenied', async () => {
    const path = `/v1.0/users/${DEMO_LIDIA.id}`;
    for (const roles of [['Calendars.ReadWrite', 'Place.Read.All'], ['User.ReadBasic.All'], ['GroupMember.Read.All']]) {
      const response = await (await appWith(harness, roles)).get<GraphErrorBody>(path);
      expect([roles, response.status, response.body.error.code, response.body.error.message]).toEqual([
        roles,
        403,
        'Authorization_RequestDenied',
        'Insufficient privileges to complete the operation.',
      ]);
    }
    for (const roles of [['User.Read.All'], ['User.ReadWrite.All'], ['Directory.Read.All']]) {
      expect([roles, (await (await appWith(harness, roles)).get(path)).status]).toEqual([roles, 200]);
    }
    // Permissions are checked before the user is looked up.
    expect((await harness.graph.get(`/v1.0/users/${guid(2)}`)).status).toBe(403);
  });

  test('an unknown $select property is a 400', async () => {
    const graph = await demoSyncApp(harness);
    const response = await graph.get<GraphErrorBody>(`/v1.0/users/${DEMO_LIDIA.id}?$select=mail,favouriteColour`);
    expect([response.status, response.body.error.code, response.body.error.message]).toEqual([
      400,
      'Request_BadRequest',
      "Could not find a property named 'favouriteColour' on type 'microsoft.graph.user'.",
    ]);
  });

  test('/me reads the signed-in user with a delegated token; an app token gets 400', async () => {
    const token = await harness.control.issueDelegatedToken({
      user: DEMO_LIDIA.alias,
      audience: 'https://graph.microsoft.com',
      scopes: ['User.Read'],
    });
    const me = await harness.anonymous.withToken(token).get('/v1.0/me?$select=id,userPrincipalName');
    expect(me.body).toMatchObject({ id: DEMO_LIDIA.id, userPrincipalName: DEMO_LIDIA.userPrincipalName });
    // User.Read reaches only the signed-in user.
    const other = await harness.anonymous.withToken(token).get<GraphErrorBody>(`/v1.0/users/${encode(MEGAN)}`);
    expect([other.status, other.body.error.code]).toEqual([403, 'Authorization_RequestDenied']);
    const app = await (await demoSyncApp(harness)).get<GraphErrorBody>('/v1.0/me');
    expect([app.status, app.body.error.message]).toEqual([
      400,
      '/me request is only valid with delegated authentication flow.',
    ]);
  });

  test.runIf(csdlLocation() !== null)('the rendered user matches microsoft.graph.user in the v1.0 CSDL', async () => {
    const schema = loadCsdl(csdlLocation()!);
    const graph = await demoSyncApp(harness);
    const defaults = await graph.get(`/v1.0/users/${DEMO_LIDIA.id}`);
    const everything = await graph.get(
      `/v1.0/users/${DEMO_LIDIA.id}?$select=id,displayName,givenName,surname,mail,mailNickname,userPrincipalName,` +
        'proxyAddresses,otherMails,businessPhones,jobTitle,mobilePhone,officeLocation,preferredLanguage,accountEnabled,userType',
    );
    expect(Object.keys(everything.body)).toHaveLength(17);
    expect(csdlViolations(schema, defaults.body, 'user')).toEqual([]);
    expect(csdlViolations(schema, everything.body, 'user')).toEqual([]);
  });
});

describe('directory groups: POST /users/{id | userPrincipalName}/checkMemberGroups', () => {
  const harness = useEmulator({}, demoTenant);

  test('answers the groups, of those asked, that the user belongs to', async () => {
    const graph = await demoSyncApp(harness);
    const megan = await checkMemberGroups(graph, MEGAN, [guid(1), DEMO_ADMIN_GROUP_ID]);
    expect(megan.status).toBe(200);
    expect(megan.body).toEqual({
      '@odata.context': `${harness.url}/v1.0/$metadata#Collection(Edm.String)`,
      value: [DEMO_ADMIN_GROUP_ID],
    });
    expect((await checkMemberGroups(graph, DEMO_LIDIA.id, [DEMO_ADMIN_GROUP_ID])).body.value).toEqual([]);
    expect((await checkMemberGroups(graph, DEMO_LIDIA.id, [])).body.value).toEqual([]);
  });

  test('membership is transitive through nested groups', async () => {
    const graph = await demoSyncApp(harness);
    const everyone = guid(10);
    harness.control.addGroup({ id: everyone, displayName: 'Facilities', members: [DEMO_ADMIN_GROUP_ID, ADELE] });
    expect((await checkMemberGroups(graph, MEGAN, [everyone, DEMO_ADMIN_GROUP_ID])).body.value).toEqual([
      everyone,
      DEMO_ADMIN_GROUP_ID,
    ]);
    expect((await checkMemberGroups(graph, ADELE, [everyone, DEMO_ADMIN_GROUP_ID])).body.value).toEqual([everyone]);
  });

  test('the control API sets a group’s members (by alias here), and the answer follows', async () => {
    const graph = await demoSyncApp(harness);
    const set = await harness.anonymous.request<{ memberIds: string[] }>(
      'PUT',
      `/_emulator/groups/${DEMO_ADMIN_GROUP_ID}/members`,
      { body: { members: [DEMO_LIDIA.alias] } },
    );
    expect([set.status, set.body.memberIds]).toEqual([200, [DEMO_LIDIA.id]]);
    expect((await checkMemberGroups(graph, DEMO_LIDIA.userPrincipalName, [DEMO_ADMIN_GROUP_ID])).body.value).toEqual([
      DEMO_ADMIN_GROUP_ID,
    ]);
    expect((await checkMemberGroups(graph, MEGAN, [DEMO_ADMIN_GROUP_ID])).body.value).toEqual([]);
    const groups = await harness.anonymous.get<{ value: Array<{ id: string; displayName: string }> }>(
      '/_emulator/groups',
    );
    expect(groups.body.value).toEqual([
      expect.objectContaining({ id: DEMO_ADMIN_GROUP_ID, displayName: 'Room sync administrators' }),
    ]);
    const unknown = await harness.anonymous.request('PUT', `/_emulator/groups/${DEMO_ADMIN_GROUP_ID}/members`, {
      body: { members: ['nobody@contoso.com'] },
    });
    expect(unknown.status).toBe(400);
  });

  test('at most 20 group ids per request: 21 is a 400; ids must be GUIDs', async () => {
    const graph = await demoSyncApp(harness);
    const twenty = [DEMO_ADMIN_GROUP_ID, ...Array.from({ length: 19 }, (_, index) => guid(index + 1))];
    expect((await checkMemberGroups(graph, MEGAN, twenty)).body.value).toEqual([DEMO_ADMIN_GROUP_ID]);
    const tooMany = await checkMemberGroups(graph, MEGAN, [...twenty, guid(99)]);
    expect([tooMany.status, tooMany.body.error.code]).toEqual([400, 'Request_BadRequest']);
    const notAGuid = await checkMemberGroups(graph, MEGAN, ['admins']);
    expect([notAGuid.status, notAGuid.body.error.message]).toEqual([400, "Invalid object identifier 'admins'."]);
    const noBody = await graph.post<GraphErrorBody>(`/v1.0/users/${encode(MEGAN)}/checkMemberGroups`, {});
    expect([noBody.status, noBody.body.error.code]).toEqual([400, 'Request_BadRequest']);
  });

  test('an unknown user is a 404 Request_ResourceNotFound', async () => {
    const response = await checkMemberGroups(await demoSyncApp(harness), guid(5), [DEMO_ADMIN_GROUP_ID]);
    expect([response.status, response.body.error.code]).toEqual([404, 'Request_ResourceNotFound']);
  });

  test('application permissions: a user permission and a group permission, or Directory.Read.All', async () => {
    const denied = [
      ['User.Read.All'],
      ['GroupMember.Read.All'],
      ['Calendars.ReadWrite'],
      ['User.ReadBasic.All', 'GroupMember.Read.All'],
    ];
    for (const roles of denied) {
      const response = await checkMemberGroups(await appWith(harness, roles), MEGAN, [DEMO_ADMIN_GROUP_ID]);
      expect([roles, response.status, response.body.error.code]).toEqual([roles, 403, 'Authorization_RequestDenied']);
    }
    const granted = [
      ['User.Read.All', 'GroupMember.Read.All'],
      ['User.Read.All', 'Group.Read.All'],
      ['User.ReadWrite.All', 'GroupMember.Read.All'],
      ['Directory.Read.All'],
    ];
    for (const roles of granted) {
      const response = await checkMemberGroups(await appWith(harness, roles), MEGAN, [DEMO_ADMIN_GROUP_ID]);
      expect([roles, response.status, response.body.value]).toEqual([roles, 200, [DEMO_ADMIN_GROUP_ID]]);
    }
  });

  test('/me/checkMemberGroups for the signed-in user (User.Read suffices for oneself)', async () => {
    const token = await harness.control.issueDelegatedToken({
      user: MEGAN,
      audience: 'https://graph.microsoft.com',
      scopes: ['User.Read'],
    });
    const response = await harness.anonymous
      .withToken(token)
      .post<StringCollection>('/v1.0/me/checkMemberGroups', { groupIds: [DEMO_ADMIN_GROUP_ID] });
    expect(response.body.value).toEqual([DEMO_ADMIN_GROUP_ID]);
  });
});

describe('a user whose UPN is not the email', () => {
  const harness = useEmulator({}, demoTenant);

  test('delegated tokens carry the UPN in preferred_username and the object id in oid, whichever name asked for them', async () => {
    for (const user of [DEMO_LIDIA.mail, DEMO_LIDIA.alias, DEMO_LIDIA.userPrincipalName, DEMO_LIDIA.id]) {
      const token = await harness.control.issueDelegatedToken({
        user,
        audience: 'api://localhost:3000/addin',
        scopes: ['access_as_user'],
      });
      expect([user, decodeJwt(token)]).toEqual([
        user,
        expect.objectContaining({
          preferred_username: 'lidiah@contoso.onmicrosoft.com',
          oid: DEMO_LIDIA.id,
          tid: TENANT_ID,
          name: 'Lidia Holloway',
          ver: '2.0',
        }),
      ]);
    }
    const v1 = decodeJwt(
      await harness.control.issueDelegatedToken({ user: DEMO_LIDIA.mail, audience: 'x', scopes: ['s'], version: 1 }),
    );
    expect(v1).toMatchObject({ upn: DEMO_LIDIA.userPrincipalName, unique_name: DEMO_LIDIA.userPrincipalName });
    // Existing users: the UPN is the email.
    const adele = decodeJwt(await harness.control.issueDelegatedToken({ user: ADELE, audience: 'x', scopes: ['s'] }));
    expect(adele.preferred_username).toBe(ADELE);
  });

  test('her mailbox answers to the object id, the UPN, the primary SMTP address and the alias', async () => {
    const graph = await demoSyncApp(harness);
    const created = await graph.post<{ id: string }>(`/v1.0/users/${encode(DEMO_LIDIA.alias)}/events`, aMeeting());
    expect(created.status).toBe(201);
    for (const key of [DEMO_LIDIA.id, DEMO_LIDIA.userPrincipalName, DEMO_LIDIA.mail, DEMO_LIDIA.alias.toUpperCase()]) {
      const events = await graph.get<{ value: Array<{ id: string }> }>(`/v1.0/users/${encode(key)}/events`);
      expect([key, events.status, events.body.value.map((event) => event.id)]).toEqual([key, 200, [created.body.id]]);
    }
    expect(harness.control.mailboxEvents(DEMO_LIDIA.userPrincipalName)).toHaveLength(1);
    const token = await harness.control.issueDelegatedToken({
      user: DEMO_LIDIA.userPrincipalName,
      audience: 'https://graph.microsoft.com',
      scopes: ['Calendars.Read'],
    });
    const mine = await harness.anonymous.withToken(token).get<{ value: unknown[] }>('/v1.0/me/events');
    expect(mine.body.value).toHaveLength(1);
  });

  test('the control API adds a user with a UPN and aliases; addresses stay unique', async () => {
    const added = await harness.anonymous.post<{ id: string; userPrincipalName: string; proxyAddresses: string[] }>(
      '/_emulator/users',
      {
        email: 'pradeep.gupta@contoso.com',
        displayName: 'Pradeep Gupta',
        userPrincipalName: 'pradeepg@contoso.onmicrosoft.com',
        proxyAddresses: ['smtp:pradeep@contoso.com'],
      },
    );
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({
      userPrincipalName: 'pradeepg@contoso.onmicrosoft.com',
      proxyAddresses: ['SMTP:pradeep.gupta@contoso.com', 'smtp:pradeep@contoso.com'],
    });
    const graph = await demoSyncApp(harness);
    const user = await graph.get('/v1.0/users/pradeepg@contoso.onmicrosoft.com?$select=id,mail');
    expect(user.body).toMatchObject({ id: added.body.id, mail: 'pradeep.gupta@contoso.com' });
    const clash = await harness.anonymous.post<GraphErrorBody>('/_emulator/users', {
      email: 'someone.else@contoso.com',
      displayName: 'Someone Else',
      proxyAddresses: [`smtp:${DEMO_LIDIA.alias}`],
    });
    expect(clash.status).toBe(400);
    const secondPrimary = await harness.anonymous.post('/_emulator/users', {
      email: 'another@contoso.com',
      displayName: 'Another',
      proxyAddresses: ['SMTP:not-the-email@contoso.com'],
    });
    expect(secondPrimary.status).toBe(400);
  });
});
