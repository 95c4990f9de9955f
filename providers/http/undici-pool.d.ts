// Types for undici's Pool module on its own (providers/http/upstream-pool.ts imports it instead of
// undici's index, which also loads fetch, WebSocket, EventSource, the cache and the mock agents).
declare module 'undici/lib/dispatcher/pool.js' {
  import type { Pool } from 'undici';

  const PoolClass: typeof Pool;
  export default PoolClass;
}
