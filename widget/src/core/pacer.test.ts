import { expect } from "@open-wc/testing";
import { Pacer } from "./pacer.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Pacer", () => {
  it("runs the first request at once and folds the requests of one interval into one run at its end", async () => {
    const runs: number[] = [];
    const pacer = new Pacer(60, () => runs.push(performance.now()));
    const start = performance.now();
    pacer.request();
    expect(runs).to.have.length(1);
    for (let i = 0; i < 5; i++) pacer.request();
    expect(runs, "nothing more until the interval has passed").to.have.length(1);
    await sleep(120);
    expect(runs).to.have.length(2);
    expect(runs[1] - start).to.be.at.least(59);
  });

  it("never runs more than once per interval under a steady stream of requests", async () => {
    let runs = 0;
    const pacer = new Pacer(50, () => runs++);
    const start = performance.now();
    while (performance.now() - start < 400) {
      pacer.request();
      await sleep(5);
    }
    const elapsed = performance.now() - start;
    pacer.cancel();
    expect(runs).to.be.at.most(Math.floor(elapsed / 50) + 1);
    expect(runs, "it keeps running while requests come").to.be.at.least(4);
  });

  it("runNow runs at once and replaces the waiting run; cancel drops it", async () => {
    let runs = 0;
    const pacer = new Pacer(40, () => runs++);
    pacer.request();
    pacer.request();
    pacer.runNow();
    expect(runs).to.equal(2);
    await sleep(80);
    expect(runs, "the waiting run was dropped").to.equal(2);
    pacer.request();
    expect(runs, "the interval counts from runNow").to.equal(3);
    pacer.request();
    pacer.cancel();
    await sleep(80);
    expect(runs).to.equal(3);
  });
});
