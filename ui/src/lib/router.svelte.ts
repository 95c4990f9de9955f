// Hash routing (#/status): the gateway serves the bundle as plain static files, so every page must
// load from /ui/ itself, without server-side fallbacks for deep links.
export interface Route {
  /** The path after `#/`, e.g. `status`. */
  path: string;
  /** Nav label and page title. */
  label: string;
}

function currentPath(): string {
  return window.location.hash.replace(/^#\/?/, '').split(/[?/]/)[0] ?? '';
}

/** The current route path, kept in sync with the location hash. */
export class Router {
  path = $state(currentPath());

  /** Starts listening to hash changes; returns the function that stops it. */
  start(): () => void {
    const onHashChange = () => (this.path = currentPath());
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }
}

export const href = (route: Route) => `#/${route.path}`;
