'use strict';
// sigload's node harness (shipped inside sigload's jar, extracted for the run): calls a team's own,
// unchanged signing function once per request, with Date and performance faked to the participant's
// clock by @sinonjs/fake-timers and TZ set to the participant's time zone.
//
// Protocol: the `process` signer's JSON lines (io.sigload.sign.process.ProcessSigner), one call at
// a time: request {"participant", "meetingNumber", "role", "expirationSeconds", "videoWebRtcMode",
// "nowMillis", "timeZone"} on stdin; response {"signature": "..."} or {"error": "...", "category":
// "SCRIPT_..."} on stdout. The user's console output goes to stderr, never into the protocol.
// Configuration: SIGLOAD_SCRIPT (JSON: module, function, args, result, callTimeoutMillis, ticking);
// the SDK key and secret: ZOOM_MEETING_SDK_KEY, ZOOM_MEETING_SDK_SECRET (environment only).
// `node harness.js --check` loads the module, checks the export and exits (sigload runs it at start).

const path = require('path');
const readline = require('readline');
const { pathToFileURL } = require('url');
const FakeTimers = require('./node_modules/@sinonjs/fake-timers');

const protocolWrite = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, encoding, cb) => process.stderr.write(chunk, encoding, cb);

const cfg = JSON.parse(process.env.SIGLOAD_SCRIPT || '{}');
const realSetTimeout = setTimeout;
const realClearTimeout = clearTimeout;
const NO_RESULT = Symbol('no result');

class Fault extends Error {
  constructor(category, message) {
    super(message);
    this.category = category;
  }
}

function describeThrown(e) {
  if (e instanceof Error) {
    const frame = (e.stack || '').split('\n').slice(1).map((l) => l.trim())
      .find((l) => !l.includes(__filename) && !l.startsWith('at node:')) || '';
    return `${e.name}: ${e.message}${frame ? ` (${frame})` : ''}`;
  }
  return `a non-Error value: ${describeValue(e)}`;
}

function describeValue(v) {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return v === '' ? 'an empty string' : `the string '${v.slice(0, 60)}'`;
  if (typeof v === 'object') {
    let keys = [];
    try { keys = Object.keys(v).slice(0, 8); } catch (e) { /* exotic object */ }
    return `${Array.isArray(v) ? 'an array' : 'an object'} with keys [${keys.join(', ')}]`;
  }
  return `${typeof v} ${String(v).slice(0, 60)}`;
}

async function loadFunction() {
  const file = path.resolve(cfg.module);
  let ns;
  try {
    ns = await import(pathToFileURL(file).href);
  } catch (e) {
    throw new Fault('SCRIPT_LOAD_ERROR', `cannot load ${cfg.module}: ${describeThrown(e)}`);
  }
  const name = cfg.function;
  let fn = ns[name];
  if (typeof fn !== 'function' && ns.default && typeof ns.default === 'object') fn = ns.default[name];
  if (typeof fn !== 'function' && name === 'default' && typeof ns.default === 'function') fn = ns.default;
  if (typeof fn !== 'function') {
    const own = new Set(Object.keys(ns).filter((k) => k !== 'default'));
    if (ns.default && typeof ns.default === 'object') Object.keys(ns.default).forEach((k) => own.add(k));
    const fns = [...own].filter((k) => typeof (ns[k] ?? ns.default?.[k]) === 'function');
    throw new Fault('SCRIPT_NO_FUNCTION', `${cfg.module} exports no function '${name}'`
      + (fns.length ? `; its functions: ${fns.join(', ')}` : '; it exports no function at all')
      + (typeof fn !== 'undefined' ? ` ('${name}' is ${describeValue(fn)})` : ''));
  }
  return fn;
}

function argument(source, req, callbacks) {
  switch (source) {
    case 'sdkKey': return process.env.ZOOM_MEETING_SDK_KEY;
    case 'secret': return process.env.ZOOM_MEETING_SDK_SECRET;
    case 'meetingNumber': return req.meetingNumber;
    case 'meetingNumberAsNumber': return Number(req.meetingNumber);
    case 'role': return req.role;
    case 'expirationSeconds': return req.expirationSeconds;
    case 'videoWebRtcMode': return req.videoWebRtcMode;
    case 'participant': return req.participant;
    case 'callback': return callbacks.callback;
    case 'errorCallback': return callbacks.errorCallback;
    default: throw new Fault('SCRIPT_CONFIG', `unknown argument source '${source}'`);
  }
}

function pick(value) {
  if (!cfg.result) return value;
  let v = value;
  for (const key of cfg.result.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[key];
  }
  return v;
}

async function call(fn, req) {
  let settle;
  const viaCallback = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  const callbacks = {
    // node style (err, value), or one value (Zoom's Web SDK: success(res))
    callback: (...a) => {
      if (a.length >= 2) {
        if (a[0] !== null && a[0] !== undefined) settle.reject(a[0]); else settle.resolve(a[1]);
      } else if (a[0] instanceof Error) settle.reject(a[0]); else settle.resolve(a[0]);
    },
    errorCallback: (e) => settle.reject(e),
  };
  const args = Array.isArray(cfg.args)
    ? cfg.args.map((s) => argument(s, req, callbacks))
    : [Object.fromEntries(Object.entries(cfg.args).map(([k, s]) => [k, argument(s, req, callbacks)]))];
  const usesCallback = JSON.stringify(cfg.args).match(/"(callback|errorCallback)"/) !== null;
  let timer;
  const deadline = new Promise((resolve) => { timer = realSetTimeout(() => resolve(NO_RESULT), cfg.callTimeoutMillis); });
  try {
    let value;
    try {
      value = fn(...args);
    } catch (e) {
      throw new Fault('SCRIPT_THREW', `${cfg.function} threw ${describeThrown(e)}`);
    }
    const thenable = value !== null && (typeof value === 'object' || typeof value === 'function')
      && typeof value.then === 'function';
    if (thenable || (usesCallback && value === undefined)) {
      const waitFor = thenable && usesCallback ? Promise.race([value, viaCallback]) : thenable ? value : viaCallback;
      try {
        value = await Promise.race([waitFor, deadline]);
      } catch (e) {
        throw new Fault('SCRIPT_THREW', `${cfg.function} ${thenable ? 'rejected with' : 'called back with an error:'}`
          + ` ${describeThrown(e)}`);
      }
      if (value === NO_RESULT) {
        throw new Fault('SCRIPT_NO_RESULT', `${cfg.function} ${thenable ? 'returned a promise that did not settle'
          : 'did not call back'} within ${cfg.callTimeoutMillis} ms`);
      }
    }
    const sig = pick(value);
    if (typeof sig !== 'string' || sig === '') {
      throw new Fault('SCRIPT_NOT_STRING', `${cfg.function} gave ${describeValue(value)}`
        + `${cfg.result ? ` (result: ${cfg.result} is ${describeValue(sig)})` : ''}, not a signature string`);
    }
    return sig;
  } finally {
    realClearTimeout(timer);
  }
}

async function handle(fnPromise, line) {
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    return { error: 'the harness got a request that is not JSON', category: 'SCRIPT_HARNESS' };
  }
  let fn;
  try {
    fn = await fnPromise;
  } catch (e) {
    return { error: e.message, category: e.category || 'SCRIPT_LOAD_ERROR' };
  }
  process.env.TZ = req.timeZone || 'UTC';
  const clock = FakeTimers.withGlobal(globalThis).install({
    now: req.nowMillis,
    toFake: ['Date', 'performance'],
    shouldAdvanceTime: cfg.ticking === true,
  });
  try {
    return { signature: await call(fn, req) };
  } catch (e) {
    return e instanceof Fault ? { error: e.message, category: e.category }
      : { error: `harness: ${describeThrown(e)}`, category: 'SCRIPT_HARNESS' };
  } finally {
    clock.uninstall();
  }
}

function main() {
  // a user's stray async error must not take the process (and the participants behind it) down
  process.on('uncaughtException', (e) => process.stderr.write(`uncaught: ${describeThrown(e)}\n`));
  process.on('unhandledRejection', (e) => process.stderr.write(`unhandled rejection: ${describeThrown(e)}\n`));
  const fnPromise = loadFunction();
  fnPromise.catch(() => {}); // reported per request, or by --check
  if (process.argv.includes('--check')) {
    fnPromise.then(() => protocolWrite('{"ok":true}\n'), (e) => protocolWrite(
      `${JSON.stringify({ error: e.message, category: e.category || 'SCRIPT_LOAD_ERROR' })}\n`))
      .finally(() => process.exit(0));
    return;
  }
  let chain = Promise.resolve();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    chain = chain.then(() => handle(fnPromise, line)).then((out) => protocolWrite(`${JSON.stringify(out)}\n`));
  });
  rl.on('close', () => chain.then(() => process.exit(0)));
}

main();
