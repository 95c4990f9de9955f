// The simulator's own version, reported by GET /_sim/health. It is independent of the gateway's
// version because the simulator is a standalone tool (bump it when the wire behaviour changes).
export const SIMULATOR_VERSION = '0.1.0';
