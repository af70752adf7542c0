import { describe, expect, test } from 'vitest';
import { ConfigError, configWarnings, loadConfig } from '../../../server/src/config.js';
import { createAdminCheck } from '../../../server/src/identity/admin-rights.js';
import type { AddinUser } from '../../../server/src/plugins/addin-auth.js';
import { DEMO_ADMIN_GROUP_ID } from '../../../emulators/src/graph/index.js';
import { createTestUserDirectory } from '../../support/test-user-directory.js';

const MEGAN_ID = '0f6b6a1e-3c1d-4b7e-9a2f-5d8c7b6a5f4e';
const GROUP_ID = DEMO_ADMIN_GROUP_ID;

const userOf = (objectId: string, addresses: string[]): AddinUser => ({
  tenantId: 'tenant',
  objectId,
  name: null,
  signInName: addresses[0] ?? null,
  email: addresses[0] ?? '',
  addresses,
  officeLocation: null,
});

describe('ADMIN_USERS and ADMIN_GROUP_ID', () => {
  test('object ids and mail addresses are told apart; anything else is refused at startup', () => {
    const config = loadConfig({ ADMIN_USERS: ` ${MEGAN_ID.toUpperCase()} , Lee@Contoso.com` });
    expect(config.admins).toEqual({ objectIds: [MEGAN_ID], emails: ['lee@contoso.com'], groupId: null });
    expect(() => loadConfig({ ADMIN_USERS: 'megan' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_GROUP_ID: 'Room admins' })).toThrow(/ADMIN_GROUP_ID must be/);
  });

  test('addresses in ADMIN_USERS are warned about at startup; object ids and a group are not', () => {
    expect(configWarnings(loadConfig({ ADMIN_USERS: 'lee@contoso.com' }))).toEqual([
      expect.stringContaining('can be reassigned'),
    ]);
    expect(configWarnings(loadConfig({ ADMIN_USERS: MEGAN_ID, ADMIN_GROUP_ID: GROUP_ID }))).toEqual([]);
  });

  test('the embedded default trusts the demo tenant’s admin group, and only when no admins are configured', () => {
    expect(loadConfig({}).admins).toEqual({ objectIds: [], emails: [], groupId: GROUP_ID });
    expect(loadConfig({ ADMIN_USERS: MEGAN_ID }).admins.groupId).toBeNull();
  });
});

describe('createAdminCheck', () => {
  const directory = createTestUserDirectory();
  const inGroup = directory.add({ mail: 'group.member@contoso.com' });
  directory.setGroup(GROUP_ID, [inGroup.objectId]);

  test('by object id, by (transitive) membership of the admin group, or by one of the directory addresses', async () => {
    const isAdmin = createAdminCheck(
      { objectIds: [MEGAN_ID], emails: ['lee@contoso.com'], groupId: GROUP_ID },
      directory,
    );
    expect(await isAdmin(userOf(MEGAN_ID, ['megan.bowen@contoso.com']))).toBe(true);
    expect(await isAdmin(userOf(inGroup.objectId, inGroup.addresses))).toBe(true);
    expect(
      await isAdmin(userOf('7a7a7a7a-0000-4000-8000-000000000001', ['lee.g@contoso.com', 'lee@contoso.com'])),
    ).toBe(true);
    expect(await isAdmin(userOf('7a7a7a7a-0000-4000-8000-000000000002', ['ann@contoso.com']))).toBe(false);
  });

  test('a user renamed to an administrator’s sign-in name is not one: only the verified object id and the directory count', async () => {
    const isAdmin = createAdminCheck({ objectIds: [MEGAN_ID], emails: [], groupId: null }, directory);
    const renamed = {
      ...userOf('7a7a7a7a-0000-4000-8000-000000000003', ['mallory@contoso.com']),
      signInName: 'megan.bowen@contoso.com',
    };
    expect(await isAdmin(renamed)).toBe(false);
  });
});
