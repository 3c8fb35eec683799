// Shared by the browser tests: where the run's backend is, waiting for conditions, a clean page.
import { closeAllDeployments, getDeployment, type Deployment, type DeploymentOptions } from "../src/core/deployment.js";

/** The site the local backend seeds (`demo`); every browser test signs in and chats on it. */
export const TEST_SITE_KEY = "demo";

/** URLs of the local backend the test run started (web-test-runner.config.mjs). */
export interface TestBackend {
  url: string;
  siteUrl: string;
  /** Accepts connections and never answers. */
  silentUrl: string;
  /** Answers any POST with 200 and a few characters, then sends nothing more. */
  stallingUrl: string;
  /** The `demo` site's identity secret for this run (tests act as the host site's server). */
  demoIdentitySecret: string;
}

let cached: Promise<TestBackend> | undefined;

/** The run's stream route for the test site (`?site=` lets the route answer the CORS preflight). */
export async function testStreamUrl(): Promise<string> {
  return `${(await testBackend()).siteUrl}/chat-stream?site=${TEST_SITE_KEY}`;
}

export function testBackend(): Promise<TestBackend> {
  cached ??= fetch("/__backend.json").then((response) => response.json() as Promise<TestBackend>);
  return cached;
}

/** Polls until `predicate` returns a truthy value, then returns it; fails after `timeoutMs`. */
export async function waitFor<T>(predicate: () => T | false | null | undefined | "" | 0, message: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A fetch that records each response's status (or "error" when it throws), in order. */
export function recordingFetch() {
  const statuses: Array<number | "error"> = [];
  const recorded: typeof fetch = async (input, init) => {
    try {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    } catch (error) {
      statuses.push("error");
      throw error;
    }
  };
  return { fetch: recorded, statuses };
}

/** Forgets every deployment and stored session: the next test starts as a new visitor. */
export async function freshVisitor(): Promise<void> {
  await closeAllDeployments();
  localStorage.clear();
}

/** The run's deployment, signed in. */
export async function signedInDeployment(options?: DeploymentOptions): Promise<Deployment> {
  const { url } = await testBackend();
  const deployment = getDeployment(url, options);
  deployment.auth.start(TEST_SITE_KEY);
  await waitFor(() => {
    const state = deployment.auth.state.value;
    if (state.status === "error") throw new Error(`sign-in failed: ${state.message}`);
    return state.status === "signed-in";
  }, "sign-in");
  return deployment;
}
