// Mints Meeting SDK JWTs with the real JavaScript libraries, for sigload's differential tests
// (JsLibrariesDifferentialTest). Reads one JSON request on stdin, writes a JSON array of tokens.
// The secret comes from the environment (SIGLOAD_JS_SECRET), never from the command line.
//   request: {"lib": "jsrsasign" | "jsonwebtoken", "key": "string" | "utf8", "sdkKey": "...",
//             "tokens": [{"nowMs": <the minting clock, ms>, "iat": "<recipe>", "mn": "...", "role": 0}]}
//   recipes, exactly as the forum's and Zoom's samples write them:
//     floor            Math.floor(nowMs / 1000)
//     floor-minus-30   Math.floor(nowMs / 1000) - 30
//     round            Math.round(nowMs / 1000)
//     round-minus-30   Math.round(nowMs / 1000) - 30
//     fractional       (nowMs - 30000) / 1000
'use strict';
const { KJUR } = require('jsrsasign');
const jwt = require('jsonwebtoken');

const secret = process.env.SIGLOAD_JS_SECRET;
if (!secret) {
  process.stderr.write('SIGLOAD_JS_SECRET is not set\n');
  process.exit(2);
}
const req = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const recipes = {
  'floor': (ms) => Math.floor(ms / 1000),
  'floor-minus-30': (ms) => Math.floor(ms / 1000) - 30,
  'round': (ms) => Math.round(ms / 1000),
  'round-minus-30': (ms) => Math.round(ms / 1000) - 30,
  'fractional': (ms) => (ms - 30000) / 1000,
};
const out = req.tokens.map((t) => {
  const iat = recipes[t.iat](t.nowMs);
  const exp = iat + 60 * 60 * 2;
  const payload = { appKey: req.sdkKey, sdkKey: req.sdkKey, mn: t.mn, role: t.role, iat, exp, tokenExp: exp };
  if (req.lib === 'jsrsasign') {
    // Zoom's older Web SDK sample: KJUR.jws.JWS.sign('HS256', sHeader, sPayload, key)
    const header = JSON.stringify({ alg: 'HS256', typ: 'JWT' });
    const key = req.key === 'utf8' ? { utf8: secret } : secret;
    return KJUR.jws.JWS.sign('HS256', header, JSON.stringify(payload), key);
  }
  return jwt.sign(payload, secret, { algorithm: 'HS256' });
});
process.stdout.write(JSON.stringify(out));
