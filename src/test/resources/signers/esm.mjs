// An ES module with a default export and an async function (test fixture).
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { sign } = require('./signers.cjs');

export async function signAsync(sdkKey, secret, meetingNumber, role, lifetime) {
  await new Promise((r) => setTimeout(r, 1));
  return sign(sdkKey, secret, meetingNumber, role, lifetime);
}
export default function (sdkKey, secret, meetingNumber, role, lifetime) {
  return sign(sdkKey, secret, meetingNumber, role, lifetime);
}
