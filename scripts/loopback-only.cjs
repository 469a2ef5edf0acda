/**
 * Preloaded (`node --require scripts/loopback-only.cjs …`) by `npm start` (scripts/local.ts) into the
 * local bot and the Agents Playground: a server that names no address, or every address (0.0.0.0, ::),
 * listens on 127.0.0.1 instead. A local try-out runs with authentication off; it must not be reachable from the
 * network. (The Playground has no option for its address.)
 */
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const ANY = new Set([undefined, null, '0.0.0.0', '::']);
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first, second] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (typeof second === 'function') args.splice(1, 0, LOOPBACK);
    else if (ANY.has(second)) args.splice(1, 1, LOOPBACK);
  } else if (
    first &&
    typeof first === 'object' &&
    ANY.has(first.host) &&
    first.path == null &&
    first.fd == null &&
    !first._handle
  ) {
    args[0] = { ...first, host: LOOPBACK };
  } else if (args.length === 0 || typeof first === 'function') {
    args.unshift(0, LOOPBACK);
  }
  return listen.apply(this, args);
};
