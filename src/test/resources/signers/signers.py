"""Test fixtures for the python signer: each function is a "team's own function", unchanged."""
import asyncio
import base64
import hashlib
import hmac
import json
import os
import sys
import time
from datetime import datetime


def _b64(o):
    return base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).rstrip(b"=").decode()


def sign(sdk_key, secret, meeting_number, role, lifetime):
    iat = int(time.time())
    exp = iat + lifetime
    claims = {"appKey": sdk_key, "sdkKey": sdk_key, "mn": meeting_number, "role": role, "iat": iat, "exp": exp,
              "tokenExp": exp}
    signing_input = _b64({"alg": "HS256", "typ": "JWT"}) + "." + _b64(claims)
    mac = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + base64.urlsafe_b64encode(mac).rstrip(b"=").decode()


def probe():
    return "|".join([str(int(time.time() * 1000)), datetime.now().isoformat(timespec="seconds"),
                     os.environ.get("TZ", ""), " ".join(sys.argv),
                     str(type(os.environ.get("ZOOM_MEETING_SDK_SECRET")).__name__)])


async def _never():
    await asyncio.sleep(3600)


async def _async_sign(*a):
    await asyncio.sleep(0.001)
    return sign(*a)


def dispatch(participant, sdk_key, secret, meeting_number, role, lifetime):
    if participant == 0:
        return probe()
    if participant == 1:
        raise KeyError("meeting_config")
    if participant == 2:
        return 1772442000
    if participant == 3:
        while True:
            pass
    if participant == 4:
        return _never()
    if participant == 5:
        return _async_sign(sdk_key, secret, meeting_number, role, lifetime)
    if participant == 7:
        print("noise on stdout must not break the protocol")
    if participant == 9:
        os._exit(3)
    return sign(sdk_key, secret, meeting_number, role, lifetime)


def keywords(*, sdk_key, secret, meeting_number, role):
    return sign(sdk_key, secret, meeting_number, role, 7200)


def utcnow_bug():
    """The classic: a naive UTC datetime read back as local time."""
    return str(int(datetime.utcnow().timestamp()))
