/** An app registration in the emulated Entra tenant, with its application permissions. */
export type RegisteredApp = {
  clientId: string;
  displayName: string;
  /** The service principal's object id: Graph reports it as a subscription's `creatorId`. */
  servicePrincipalId: string;
  clientSecrets: string[];
  /** Public certificates (PEM) whose keys may sign client assertions. */
  certificates: string[];
  /** Application permissions granted on Microsoft Graph (`roles` in its tokens), e.g. Calendars.ReadWrite. */
  graphRoles: string[];
  /** App roles granted on other APIs, by audience (App ID URI or client id). */
  apiRoles: Record<string, string[]>;
  /**
   * Which mailboxes Exchange lets the app reach (an ApplicationAccessPolicy or RBAC scope): outside it,
   * Graph answers 403 ErrorAccessDenied "Access to OData is disabled." (reference/graph.md §e2).
   */
  mailboxScope: 'all' | 'rooms' | string[];
};

export class AppRegistry {
  private readonly apps = new Map<string, RegisteredApp>();

  register(app: RegisteredApp): RegisteredApp {
    this.apps.set(app.clientId.toLowerCase(), app);
    return app;
  }

  find(clientId: string): RegisteredApp | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  all(): RegisteredApp[] {
    return [...this.apps.values()];
  }

  clear(): void {
    this.apps.clear();
  }
}
