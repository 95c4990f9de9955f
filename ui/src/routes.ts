// The pages of the admin UI, in nav order. A new page is one entry here plus its component.
import type { Component } from 'svelte';
import type { Route } from './lib/router.svelte.ts';
import StatusPage from './pages/StatusPage.svelte';

export interface PageRoute extends Route {
  component: Component;
}

export const routes: PageRoute[] = [{ path: 'status', label: 'Status', component: StatusPage }];

/** The page for a path; unknown or empty paths land on the first page. */
export function findRoute(path: string): PageRoute {
  return routes.find((route) => route.path === path) ?? routes[0]!;
}
