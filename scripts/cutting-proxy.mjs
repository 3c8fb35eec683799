// A loopback proxy in front of one port of the local backend, for tests in which the network fails.
// It forwards HTTP requests (bodies streamed both ways) and WebSocket upgrades, rewriting `Host` (the
// backend answers only its own host:port), and on command it cuts every live connection at once,
// refuses new ones (the network is down), or stops passing the server's bytes on (a request reaches
// the server but its answer never comes back).
import { createServer, request as httpRequest } from "node:http";
import { connect } from "node:net";

/**
 * @param {string} target the backend origin to forward to, e.g. `http://127.0.0.1:3210`
 * @returns {Promise<import("./cutting-proxy.d.mts").CuttingProxy>}
 */
export async function startCuttingProxy(target) {
  const upstream = new URL(target);
  /** Every open socket, on both sides: cutting destroys them all. */
  const sockets = new Set();
  let refusing = false;
  let muted = false;
  let connections = 0;

  const track = (socket) => {
    sockets.add(socket);
    socket.setNoDelay?.(true);
    socket.once("close", () => sockets.delete(socket));
    return socket;
  };
  // Passes the server's bytes on unless muted (then they are dropped: the client waits in vain).
  const relay = (from, to) => from.on("data", (chunk) => void (muted || to.destroyed || to.write(chunk)));

  const server = createServer((req, res) => {
    // One upstream connection per request (no agent pool), so a cut leaves nothing alive.
    const forwarded = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: rewriteHost(req.rawHeaders, upstream.host),
        agent: false,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        relay(answer, res).on("end", () => res.end());
      },
    );
    forwarded.on("socket", track).on("error", () => res.destroy());
    req.on("error", () => forwarded.destroy());
    req.pipe(forwarded);
  });

  server.on("connection", (socket) => {
    if (refusing) return void socket.destroy();
    connections += 1;
    track(socket);
  });

  server.on("upgrade", (req, client, head) => {
    const backend = track(connect(Number(upstream.port), upstream.hostname));
    backend.once("connect", () => {
      const headers = rewriteHost(req.rawHeaders, upstream.host);
      let lines = `${req.method} ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < headers.length; i += 2) lines += `${headers[i]}: ${headers[i + 1]}\r\n`;
      backend.write(`${lines}\r\n`);
      if (head.length) backend.write(head);
      client.pipe(backend);
      relay(backend, client);
    });
    const closeBoth = () => (client.destroy(), backend.destroy());
    backend.on("error", closeBoth).on("close", closeBoth);
    client.on("error", closeBoth).on("close", closeBoth);
  });

  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const cut = () => {
    const count = sockets.size;
    for (const socket of sockets) socket.destroy();
    return count;
  };

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut,
    setRefusing(value) {
      refusing = value;
    },
    setMuted(value) {
      muted = value;
    },
    stats: () => ({ connections, open: sockets.size, refusing, muted }),
    close() {
      cut();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function rewriteHost(rawHeaders, host) {
  const headers = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    headers.push(rawHeaders[i], rawHeaders[i].toLowerCase() === "host" ? host : rawHeaders[i + 1]);
  }
  return headers;
}
