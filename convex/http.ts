import { httpRouter } from "convex/server";
import { auth } from "./auth";
import { chatStream, chatStreamPreflight } from "./chatStream";

const http = httpRouter();

// Convex Auth's routes (OpenID configuration and JWKS for token verification).
auth.addHttpRoutes(http);

http.route({ path: "/chat-stream", method: "POST", handler: chatStream });
http.route({ path: "/chat-stream", method: "OPTIONS", handler: chatStreamPreflight });

export default http;
