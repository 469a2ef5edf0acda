/**
 * Opening the personal chat with a colleague who never opened the bot (TEAMS_APP_CATALOG_ID with
 * the GRAPH_* app registration, application permission TeamsAppInstallation.ReadWriteSelfForUser.All):
 *
 *   1. POST /users/{id}/teamwork/installedApps   the app from the tenant's catalog (409: already there)
 *   2. GET  /users/{id}/teamwork/installedApps?$filter=teamsApp/id eq '…'   → the installation
 *   3. GET  /users/{id}/teamwork/installedApps/{installation}/chat          → the chat's id
 *
 * The chat id with TEAMS_SERVICE_URL is a conversation reference the bot can send to; it is stored
 * like one from a turn (the next turn of that person replaces it with Teams' own). Graph errors are
 * MeetingProviderErrors (bounded retries of the Graph client); nothing here names the person.
 */
import { z } from 'zod';
import { indexDirectory } from '../domain/directory-index';
import type { Directory } from '../domain/types';
import { MeetingProviderError } from '../meetings/errors';
import { graphErrorCode, graphJson, type GraphClient } from '../meetings/graph';
import { discardBounded } from '../net/bounded-body';
import type { ConversationRefStore, StoredConversationRef } from '../store/conversation-refs';

const installations = z.object({ value: z.array(z.object({ id: z.string().min(1) })) });
const chat = z.object({ id: z.string().min(1) });

export interface TeamsAppInstallerOptions {
  graph: GraphClient;
  /** The app's id in the tenant's app catalog (TEAMS_APP_CATALOG_ID). */
  teamsAppId: string;
  /** TEAMS_SERVICE_URL. */
  serviceUrl: string;
  /** MicrosoftAppId (the bot's id in Teams is `28:<it>`). */
  botAppId: string;
  /** TEAMS_TENANT_ID, when set. */
  tenantId?: string;
}

export class TeamsAppInstaller {
  constructor(private readonly options: TeamsAppInstallerOptions) {}

  /** Installs the app for the user (idempotent) and returns the reference of their personal chat with the bot. */
  async openPersonalChat(aadObjectId: string): Promise<StoredConversationRef> {
    const { graph, teamsAppId } = this.options;
    const user = `${graph.baseUrl}/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`;
    const installed = await graph.request('installApp', user, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        'teamsApp@odata.bind': `${graph.baseUrl}/appCatalogs/teamsApps/${encodeURIComponent(teamsAppId)}`,
      }),
    });
    if (installed.status !== 409) await this.expectOk('installApp', installed);
    else await discardBounded(installed);

    const filter = encodeURIComponent(`teamsApp/id eq '${teamsAppId.replace(/'/g, "''")}'`);
    const listed = await graph.request('installedApps', `${user}?$expand=teamsApp&$filter=${filter}`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
    await this.expectOk('installedApps', listed);
    const installation = installations.safeParse(await graphJson('installedApps', listed)).data?.value[0];
    if (!installation) throw new MeetingProviderError('invalid-response', 'installedApps: the app is not listed');

    const chatRes = await graph.request('installationChat', `${user}/${encodeURIComponent(installation.id)}/chat`, {
      method: 'GET',
      headers: { accept: 'application/json' },
    });
    await this.expectOk('installationChat', chatRes);
    const parsed = chat.safeParse(await graphJson('installationChat', chatRes));
    if (!parsed.success) throw new MeetingProviderError('invalid-response', 'installationChat: no chat id');

    const { serviceUrl, botAppId, tenantId } = this.options;
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: {
        id: parsed.data.id,
        conversationType: 'personal',
        isGroup: false,
        ...(tenantId ? { tenantId } : {}),
      },
      bot: { id: `28:${botAppId}` },
      user: { id: aadObjectId, aadObjectId },
    };
  }

  private async expectOk(what: string, res: Response): Promise<void> {
    if (res.ok) return;
    const code = await graphErrorCode(res);
    if (res.status === 403)
      throw new MeetingProviderError(
        'forbidden',
        `${what}: Graph answered 403 ${code}: check TeamsAppInstallation.ReadWriteSelfForUser.All (admin consent)`,
      );
    if (res.status === 404)
      throw new MeetingProviderError('rejected', `${what}: 404 ${code}: check TEAMS_APP_CATALOG_ID and the user`);
    throw new MeetingProviderError('rejected', `${what}: Graph answered ${res.status} ${code}`.trim());
  }
}

/**
 * The outbox's `openChat`: installs the app for a staff member of the directory and stores the
 * reference of the new personal chat; false for someone not (or no longer) in the directory.
 */
export function conversationOpener(
  installer: Pick<TeamsAppInstaller, 'openPersonalChat'>,
  conversationRefs: Pick<ConversationRefStore, 'save'>,
  directory: () => Directory,
): (staffId: string) => Promise<boolean> {
  return async (staffId) => {
    const staff = indexDirectory(directory()).staffById(staffId);
    if (!staff) return false;
    await conversationRefs.save(staff.aadObjectId, await installer.openPersonalChat(staff.aadObjectId));
    return true;
  };
}
