// A tiny regex router over node:http: the simulator has few routes, and owning the socket
// lifecycle directly (hangs, mid-stream destroys) is simpler without a framework in between.
import type { IncomingMessage } from 'node:http';
import type { GenerationContext } from './generation-handler.ts';

export interface RouteContext extends GenerationContext {
  /** Capture groups of the route's path regex. */
  params: string[];
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: RegExp;
  /** Extra condition, e.g. plain /v1/models answers as Anthropic only with anthropic headers. */
  when?: (req: IncomingMessage) => boolean;
  handle(ctx: RouteContext): void | Promise<void>;
}

export function matchRoute(routes: Route[], req: IncomingMessage, pathname: string): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of routes) {
    const match = route.path.exec(pathname);
    if (!match || (route.when && !route.when(req))) continue;
    if (route.method === req.method) return { route, params: match.slice(1) };
    allowed.push(route.method);
  }
  return allowed.length > 0 ? { allowed } : undefined;
}
