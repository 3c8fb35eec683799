import { expect } from "@open-wc/testing";
import { LitElement } from "lit";
import { FollowController, type FollowConfig } from "./follow-controller.js";

/** A throwaway host whose `input` property the controller follows; it logs every start and stop. */
class FollowHost extends LitElement {
  static override properties = { input: { attribute: false } };
  input: unknown = undefined;
  log: string[] = [];
  follower!: FollowController<unknown>;

  configure(config: Partial<FollowConfig<unknown>>): this {
    this.follower = new FollowController(this, {
      input: () => this.input,
      start: (input) => {
        this.log.push(`start ${JSON.stringify(input)}`);
        return () => this.log.push(`stop ${JSON.stringify(input)}`);
      },
      ...config,
    });
    return this;
  }
}
customElements.define("follow-test-host", FollowHost);

async function mounted(config: Partial<FollowConfig<unknown>> = {}, ...input: unknown[]): Promise<FollowHost> {
  const host = new FollowHost().configure(config);
  host.input = input.length ? input[0] : "a";
  document.body.append(host);
  await host.updateComplete;
  return host;
}

async function set(host: FollowHost, input: unknown): Promise<void> {
  host.input = input;
  await host.updateComplete;
}

describe("FollowController", () => {
  afterEach(() => document.querySelectorAll("follow-test-host").forEach((host) => host.remove()));

  it("starts on connection, keeps an unchanged input, moves to a changed one, stops on leaving", async () => {
    const host = await mounted();
    expect(host.follower.current).to.equal("a");
    await set(host, "a");
    host.requestUpdate();
    await host.updateComplete;
    await set(host, "b");
    host.remove();
    expect(host.log).to.deep.equal(['start "a"', 'stop "a"', 'start "b"', 'stop "b"']);
    expect(host.follower.current).to.equal(undefined);
  });

  it("follows nothing while the input is undefined, and starts once it is set", async () => {
    const host = await mounted({}, undefined);
    expect(host.log).to.deep.equal([]);
    await set(host, "a");
    await set(host, undefined);
    expect(host.log).to.deep.equal(['start "a"', 'stop "a"']);
    expect(host.follower.current).to.equal(undefined);
  });

  it("compares inputs by `key`: a string by value, an array element by element", async () => {
    const host = await mounted({ key: (input) => JSON.stringify(input) }, { id: 1 });
    await set(host, { id: 1 }); // a new object, the same key
    await set(host, { id: 2 });
    expect(host.log).to.deep.equal(['start {"id":1}', 'stop {"id":1}', 'start {"id":2}']);

    const client = {};
    const other = {};
    const byParts = await mounted({ key: (input) => [(input as { client: object }).client, "args"] }, { client });
    await set(byParts, { client });
    await set(byParts, { client: other });
    expect(byParts.log).to.have.length(3);
  });

  it("restart() stops and starts the same input again; sync() follows a change outside an update", async () => {
    const host = await mounted();
    host.follower.restart();
    host.input = "b"; // not rendered yet
    host.follower.sync();
    expect(host.log).to.deep.equal(['start "a"', 'stop "a"', 'start "a"', 'stop "a"', 'start "b"']);
  });

  it("with fromUpdate, starts at the first update, not on connection", async () => {
    const host = new FollowHost().configure({ fromUpdate: true });
    host.input = "a";
    document.body.append(host);
    expect(host.log, "connected, not updated yet").to.deep.equal([]);
    await host.updateComplete;
    expect(host.log).to.deep.equal(['start "a"']);
  });

  it("starts again when the host is moved (disconnected and connected)", async () => {
    const host = await mounted();
    const other = document.createElement("div");
    document.body.append(other);
    other.append(host);
    await host.updateComplete;
    expect(host.log).to.deep.equal(['start "a"', 'stop "a"', 'start "a"']);
    other.remove();
  });
});
