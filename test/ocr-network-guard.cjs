/**
 * Preloaded with NODE_OPTIONS=--require into the OCR child process AND into every worker thread
 * it starts (Node runs --require preloads in workers; --import ones it does not). It refuses any
 * connection or DNS lookup that is not loopback, and logs to $OCR_GUARD_LOG, one JSON per line:
 *   {"event":"blocked", ...}   a network attempt (the test expects none from OCR)
 *   {"event":"resolved", ...}  where tesseract.js-core and the language model were loaded from
 */
const dns = require('node:dns');
const fs = require('node:fs');
const Module = require('node:module');
const net = require('node:net');
const { isMainThread } = require('node:worker_threads');

const logFile = process.env.OCR_GUARD_LOG;
const log = (entry) => fs.appendFileSync(logFile, `${JSON.stringify({ ...entry, thread: isMainThread ? 'main' : 'worker' })}\n`);
const isLoopback = (host) => host === undefined || host === 'localhost' || /^127\./.test(host) || host === '::1';

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const options = typeof args[0] === 'object' && args[0] !== null ? (Array.isArray(args[0]) ? args[0][0] : args[0]) : { port: args[0], host: args[1] };
  if (!options.path && !isLoopback(options.host)) {
    log({ event: 'blocked', kind: 'connect', host: options.host, port: options.port });
    throw new Error(`network guard: connection to ${options.host}:${options.port} refused`);
  }
  return connect.apply(this, args);
};

for (const target of [dns, dns.promises]) {
  const lookup = target.lookup;
  target.lookup = function guardedLookup(host, ...rest) {
    if (!isLoopback(host)) {
      log({ event: 'blocked', kind: 'dns', host });
      throw new Error(`network guard: DNS lookup of ${host} refused`);
    }
    return lookup.call(this, host, ...rest);
  };
}

const resolve = Module._resolveFilename;
Module._resolveFilename = function recordingResolve(request, ...rest) {
  const resolved = resolve.call(this, request, ...rest);
  if (request.startsWith('tesseract.js-core')) log({ event: 'resolved', request, resolved });
  return resolved;
};

const readFile = fs.readFile;
fs.readFile = function recordingReadFile(path, ...rest) {
  if (String(path).includes('traineddata')) log({ event: 'resolved', request: 'traineddata', resolved: String(path) });
  return readFile.call(this, path, ...rest);
};
