// Test fixtures for the node signer: each export is a "team's own function", unchanged.
const crypto = require('crypto');
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');

function sign(sdkKey, secret, meetingNumber, role, lifetime) {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + lifetime;
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ appKey: sdkKey, sdkKey, mn: meetingNumber, role, iat, exp, tokenExp: exp })}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

// what the participant's code sees: its clock, its zone, and how it was started
function probe() {
  return [Date.now(), new Date().getTimezoneOffset(), Intl.DateTimeFormat().resolvedOptions().timeZone,
    Math.round(performance.timeOrigin + performance.now()), process.argv.join(' '),
    typeof process.env.ZOOM_MEETING_SDK_SECRET].join('|');
}

// one pool, many behaviours: the participant's index picks one
function dispatch(participant, sdkKey, secret, meetingNumber, role, lifetime) {
  switch (participant) {
    case 0: return probe();
    case 1: throw new TypeError('cannot read the meeting config');
    case 2: return 1772442000;
    case 3: for (;;) { /* a hang that blocks the process */ }
    case 4: return new Promise(() => {}); // never settles
    case 5: return Promise.resolve(sign(sdkKey, secret, meetingNumber, role, lifetime));
    case 6: return Promise.reject(new Error('key service unavailable'));
    case 7: console.log('noise on stdout must not break the protocol'); return sign(sdkKey, secret, meetingNumber, role, lifetime);
    case 8: return { signature: 'not the result path' };
    case 9: process.exit(3);
    default: return sign(sdkKey, secret, meetingNumber, role, lifetime);
  }
}

// node-style callback
function withCallback(sdkKey, secret, meetingNumber, role, lifetime, participant, cb) {
  if (participant === 1) return undefined; // never calls back
  if (participant === 2) { setTimeout(() => cb(new Error('callback error')), 1); return undefined; }
  setTimeout(() => cb(null, sign(sdkKey, secret, meetingNumber, role, lifetime)), 1);
  return undefined;
}

// Zoom Web SDK style: one object, success({result})
function zoomStyle(o) {
  o.success({ result: sign(o.sdkKey, o.sdkSecret, o.meetingNumber, o.role, 7200) });
}

module.exports = { sign, probe, dispatch, withCallback, zoomStyle, notAFunction: 42 };
