// The team page (owners): pending invitations (create: the code is shown once; revoke) and the
// site's operators (remove).
import type { ConvexClient } from "convex/browser";
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { describeError } from "../core/errors.js";
import { invitationsApi, operatorsApi, type OperatorRole } from "../core/operator-api.js";

/** An invitation just created: its code is shown this once. */
export interface CreatedInvitation {
  email: string;
  code: string;
  expiresAt: number;
}

/**
 * @example
 * private team = new TeamController(this, () => ({ client, siteKey, owner }));
 * // await this.team.invite("a@b.test", "agent"); this.team.created?.code
 */
export class TeamController implements ReactiveController {
  created: CreatedInvitation | undefined;
  /** Why the last change failed. */
  error: string | undefined;
  busy = false;
  private siteKey: string | undefined;
  private readonly invitationsQuery: QueryController<typeof invitationsApi.list>;
  private readonly membersQuery: QueryController<typeof operatorsApi.list>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly input: () => { client: ConvexClient | undefined; siteKey: string | undefined; owner: boolean },
  ) {
    host.addController(this);
    const target = <Q extends typeof invitationsApi.list | typeof operatorsApi.list>(query: Q) => () => {
      const { client, siteKey, owner } = this.input();
      return client && siteKey && owner ? { client, query, args: { siteKey } } : undefined;
    };
    this.invitationsQuery = new QueryController(host, target(invitationsApi.list));
    this.membersQuery = new QueryController(host, target(operatorsApi.list));
  }

  get invitations() {
    return this.invitationsQuery.value;
  }

  get members() {
    return this.membersQuery.value;
  }

  get loadError() {
    return this.invitationsQuery.error ?? this.membersQuery.error;
  }

  /** Creates an invitation; true when it was created (its code is then in {@link created}). */
  invite(email: string, role: OperatorRole): Promise<boolean> {
    return this.run(async (client, siteKey) => {
      const { code, expiresAt } = await client.mutation(invitationsApi.create, { siteKey, email: email.trim(), role });
      this.created = { email: email.trim(), code, expiresAt };
    });
  }

  revoke(invitationId: string): Promise<boolean> {
    return this.run((client) => client.mutation(invitationsApi.revoke, { invitationId }));
  }

  remove(operatorId: string): Promise<boolean> {
    return this.run((client) => client.mutation(operatorsApi.remove, { operatorId }));
  }

  hostUpdate(): void {
    const { siteKey } = this.input();
    if (siteKey === this.siteKey) return;
    this.siteKey = siteKey;
    this.created = undefined;
    this.error = undefined;
  }

  private async run(change: (client: ConvexClient, siteKey: string) => Promise<unknown>): Promise<boolean> {
    const { client, siteKey } = this.input();
    if (!client || !siteKey) return false;
    this.busy = true;
    this.error = undefined;
    this.host.requestUpdate();
    try {
      await change(client, siteKey);
      return true;
    } catch (error) {
      this.error = describeError(error).message;
      return false;
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }
}
