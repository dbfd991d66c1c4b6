// A Meeting SDK signature minted in the browser with jsrsasign, the way the forum's posts (and
// Zoom's older Web SDK samples) do it. Our own code, written for sigload's examples: the same file
// runs as a page script (index.html loads it after jsrsasign) and as a CommonJS module (node).
//
// Four variants, each a function with the same parameters:
//   generateSignature            iat = Math.round(Date.now() / 1000) - 30      the forum's code
//   generateSignatureFractional  iat = Date.now() / 1000 - 30                  a fractional NumericDate
//   generateSignatureLocalTime   iat from Date.now() "converted to local time" with getTimezoneOffset()
//   generateSignatureFixed       iat = Math.floor(Date.now() / 1000) - 30      what to run on the server
// Every one reads the participant's own clock through Date: sigload imposes that clock (and the
// time zone) from outside, so nothing here knows it is being tested.

// In the page, jsrsasign's script defines the global KJUR; in node, require() returns it.
const jws = (typeof window !== 'undefined' && window.KJUR ? window.KJUR : require('jsrsasign').KJUR).jws;

function sign(sdkKey, sdkSecret, meetingNumber, role, iat, lifetimeSeconds) {
  const exp = iat + (lifetimeSeconds || 60 * 60 * 2);
  const header = { alg: 'HS256', typ: 'JWT' };
  const payload = {
    appKey: sdkKey,
    sdkKey: sdkKey,
    mn: meetingNumber,
    role: role,
    iat: iat,
    exp: exp,
    tokenExp: exp,
  };
  return jws.JWS.sign('HS256', JSON.stringify(header), JSON.stringify(payload), sdkSecret);
}

// The forum's code: rounds to the NEAREST second, then 30 s back "for clock skew". A participant
// whose clock runs more than ~30 s fast sends an iat in the future: "Signature is invalid".
function generateSignature(sdkKey, sdkSecret, meetingNumber, role, lifetimeSeconds) {
  const iat = Math.round(new Date().getTime() / 1000) - 30;
  return sign(sdkKey, sdkSecret, meetingNumber, role, iat, lifetimeSeconds);
}

// The variant from the original report: no rounding at all, iat = 1772442000.123.
function generateSignatureFractional(sdkKey, sdkSecret, meetingNumber, role, lifetimeSeconds) {
  const iat = Date.now() / 1000 - 30;
  return sign(sdkKey, sdkSecret, meetingNumber, role, iat, lifetimeSeconds);
}

// "Zoom wants the participant's local time": Date.now() is already UTC milliseconds, so this moves
// iat by the time-zone offset. West of UTC the token is issued hours ago (EXPIRED), east of UTC
// hours ahead (IAT_IN_FUTURE); only participants whose zone is at UTC+0 that day get in.
function generateSignatureLocalTime(sdkKey, sdkSecret, meetingNumber, role, lifetimeSeconds) {
  const now = new Date();
  const localMillis = now.getTime() - now.getTimezoneOffset() * 60 * 1000;
  const iat = Math.round(localMillis / 1000) - 30;
  return sign(sdkKey, sdkSecret, meetingNumber, role, iat, lifetimeSeconds);
}

// The fix, on a server whose clock is NTP-synced: whole seconds, floor, never in the future.
function generateSignatureFixed(sdkKey, sdkSecret, meetingNumber, role, lifetimeSeconds) {
  const iat = Math.floor(Date.now() / 1000) - 30;
  return sign(sdkKey, sdkSecret, meetingNumber, role, iat, lifetimeSeconds);
}

if (typeof module !== 'undefined' && module.exports) {
  module.exports = {
    generateSignature, generateSignatureFractional, generateSignatureLocalTime, generateSignatureFixed,
  };
}
