// The team page (owners): pending invitations (create: the code is shown once; revoke) and the
// site's operators (remove).
import type { ReactiveControllerHost } from "lit";
import { QueryController } from "../controllers/query-controller.js";
import { SiteChangeController, type SitePageInput } from "./site-change-controller.js";
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
export class TeamController extends SiteChangeController {
  created: CreatedInvitation | undefined;
  private siteKey: string | undefined;
  private readonly invitationsQuery: QueryController<typeof invitationsApi.list>;
  private readonly membersQuery: QueryController<typeof operatorsApi.list>;

  constructor(host: ReactiveControllerHost, input: SitePageInput) {
    super(host, input);
    const target =
      <Q extends typeof invitationsApi.list | typeof operatorsApi.list>(query: Q) =>
      () => {
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

  // A new invitation's code stays shown while the owner revokes or removes others.
  protected forgetLastChange(): void {}
}
