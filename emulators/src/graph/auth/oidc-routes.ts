import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AppRegistry } from './app-registry.js';
import { authenticateClient, basicCredentials } from './client-authentication.js';
import { EntraError, entraErrorBody } from './entra-error.js';
import { GRAPH_AUDIENCES, GRAPH_RESOURCE } from './token-issuer.js';
import type { TokenIssuer } from './token-issuer.js';

export type OidcRoutesOptions = {
  issuer: TokenIssuer;
  apps: AppRegistry;
  /** Names under which the tenant is addressed besides its id, e.g. 'contoso.onmicrosoft.com'. */
  tenantAliases: string[];
  now: () => Date;
};

type TenantParams = { tenant: string };

/**
 * The tenant's slice of login.microsoftonline.com: OpenID discovery, JWKS and the token endpoint for
 * the client-credentials grant, enough for MSAL Node's ConfidentialClientApplication.
 */
export const oidcRoutes: FastifyPluginAsync<OidcRoutesOptions> = async (app, { issuer, apps, tenantAliases, now }) => {
  const tenantId = issuer.tenantId;
  const knownTenants = new Set([tenantId, ...tenantAliases].map((name) => name.toLowerCase()));
  const baseOf = (request: FastifyRequest) => `https://${request.host}`;
  const assertTenant = (tenant: string) => {
    if (!knownTenants.has(tenant.toLowerCase())) {
      throw new EntraError(
        400,
        'invalid_tenant',
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
      );
    }
  };

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof EntraError) return reply.code(error.status).send(entraErrorBody(error, now()));
    const message = error instanceof Error ? error.message : 'Invalid request.';
    return reply.code(400).send(entraErrorBody(new EntraError(400, 'invalid_request', 900144, message), now()));
  });

  const discovery = (version: 'v1' | 'v2') => async (request: FastifyRequest<{ Params: TenantParams }>) => {
    assertTenant(request.params.tenant);
    const base = `${baseOf(request)}/${tenantId}`;
    const v2 = version === 'v2';
    return {
      token_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${base}/discovery/${v2 ? 'v2.0/' : ''}keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: v2 ? `${base}/v2.0` : issuer.v1Issuer(),
      request_uri_parameter_supported: false,
      authorization_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}authorize`,
      device_authorization_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}devicecode`,
      end_session_endpoint: `${base}/oauth2/${v2 ? 'v2.0/' : ''}logout`,
      tenant_region_scope: 'EU',
      cloud_instance_name: 'microsoftonline.com',
      cloud_graph_host_name: 'graph.windows.net',
      msgraph_host: 'graph.microsoft.com',
    };
  };
  app.get('/:tenant/v2.0/.well-known/openid-configuration', discovery('v2'));
  app.get('/:tenant/.well-known/openid-configuration', discovery('v1'));

  const keys = async (request: FastifyRequest<{ Params: TenantParams }>) => {
    assertTenant(request.params.tenant);
    return issuer.jwks(`${baseOf(request)}/${tenantId}/v2.0`);
  };
  app.get('/:tenant/discovery/v2.0/keys', keys);
  app.get('/:tenant/discovery/keys', keys);

  app.post('/:tenant/oauth2/v2.0/token', async (request: FastifyRequest<{ Params: TenantParams }>, reply) => {
    assertTenant(request.params.tenant);
    const form = (request.body ?? {}) as Record<string, string | undefined>;
    if (form.grant_type !== 'client_credentials') {
      throw new EntraError(
        400,
        'unsupported_grant_type',
        70003,
        `The app requested an unsupported grant type '${form.grant_type ?? ''}'.`,
      );
    }
    const basic = basicCredentials(request.headers.authorization);
    const { app: client, method } = await authenticateClient(
      {
        clientId: form.client_id ?? basic?.clientId,
        clientSecret: form.client_secret ?? basic?.clientSecret,
        clientAssertionType: form.client_assertion_type,
        clientAssertion: form.client_assertion,
      },
      { apps, tenantId, now },
    );
    const scope = (form.scope ?? '').trim();
    const resource = /^(\S+)\/\.default$/.exec(scope)?.[1];
    if (!resource) {
      throw new EntraError(
        400,
        'invalid_scope',
        1002012,
        `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      );
    }
    const isGraph = GRAPH_AUDIENCES.includes(resource);
    const accessToken = await issuer.issueAppToken({
      clientId: client.clientId,
      appDisplayName: client.displayName,
      servicePrincipalId: client.servicePrincipalId,
      audience: isGraph ? GRAPH_RESOURCE : resource,
      roles: isGraph ? client.graphRoles : (client.apiRoles[resource] ?? []),
      authenticationMethod: method,
    });
    return reply.header('Cache-Control', 'no-store, no-cache').send({
      token_type: 'Bearer',
      expires_in: issuer.lifetimeSeconds,
      ext_expires_in: issuer.lifetimeSeconds,
      access_token: accessToken,
    });
  });
};
