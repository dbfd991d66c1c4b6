#!/usr/bin/env python3
"""A Meeting SDK signer for sigload's `process` signer, in Python 3 with the standard library only.

Protocol: one JSON request per line on stdin, one JSON response per line on stdout.
  request:  {"participant", "meetingNumber", "role", "expirationSeconds", "videoWebRtcMode", "nowMillis"}
  response: {"signature": "<compact JWS>"}  or  {"error": "<what went wrong>"}

Credentials come from the environment (never the command line):
  ZOOM_MEETING_SDK_KEY, ZOOM_MEETING_SDK_SECRET (the HMAC key is the secret's UTF-8 bytes).

Claims follow Zoom's sample endpoint (github.com/zoom/meetingsdk-auth-endpoint-sample):
  iat = floor(nowMillis / 1000), exp = iat + expirationSeconds, tokenExp = exp,
  appKey = sdkKey = the SDK key, mn = meeting number (string), role (number),
  video_webrtc_mode only when given. nowMillis is the minting clock sigload hands over; without
  it the signer uses its own clock.

Run by hand:
  echo '{"meetingNumber":"123","role":0,"expirationSeconds":7200,"nowMillis":1764460000000}' \
    | ZOOM_MEETING_SDK_KEY=k ZOOM_MEETING_SDK_SECRET=s python3 zoom_signer.py
"""
import base64
import hashlib
import hmac
import json
import os
import sys
import time


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def compact_json(obj) -> bytes:
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sign(req: dict, sdk_key: str, secret: bytes) -> str:
    mn = req.get("meetingNumber")
    role = req.get("role")
    if not isinstance(mn, str) or not mn.isdigit():
        raise ValueError("meetingNumber must be a string of digits")
    if role not in (0, 1):
        raise ValueError("role must be 0 or 1")
    lifetime = req.get("expirationSeconds", 7200)
    if not isinstance(lifetime, int) or not 1800 <= lifetime <= 172800:
        raise ValueError("expirationSeconds must be an integer in 1800..172800")
    now_ms = req.get("nowMillis")
    if not isinstance(now_ms, int):
        now_ms = int(time.time() * 1000)
    iat = now_ms // 1000
    exp = iat + lifetime
    claims = {"appKey": sdk_key, "sdkKey": sdk_key, "mn": mn, "role": role,
              "iat": iat, "exp": exp, "tokenExp": exp}
    if req.get("videoWebRtcMode") is not None:
        claims["video_webrtc_mode"] = req["videoWebRtcMode"]
    signing_input = b64url(compact_json({"alg": "HS256", "typ": "JWT"})) + "." + b64url(compact_json(claims))
    mac = hmac.new(secret, signing_input.encode("ascii"), hashlib.sha256).digest()
    return signing_input + "." + b64url(mac)


def main() -> int:
    sdk_key = os.environ.get("ZOOM_MEETING_SDK_KEY")
    secret = os.environ.get("ZOOM_MEETING_SDK_SECRET")
    for line in sys.stdin:
        try:
            if not sdk_key or not secret:
                raise ValueError("ZOOM_MEETING_SDK_KEY and ZOOM_MEETING_SDK_SECRET must be set")
            req = json.loads(line)
            if not isinstance(req, dict):
                raise ValueError("a request is a JSON object")
            out = {"signature": sign(req, sdk_key, secret.encode("utf-8"))}
        except Exception as e:  # one bad request must not stop the signer
            out = {"error": str(e)}
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
